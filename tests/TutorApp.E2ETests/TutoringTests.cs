using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace TutorApp.E2ETests;

/// <summary>A student works through the sample problem with the Socratic tutor, in the browser.</summary>
public sealed class TutoringTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public Task A_student_is_pointed_at_a_misconception_gets_hints_resumes_after_reload_and_finishes() => ScenarioAsync("tutoring-session", async page =>
    {
        var student = await NewStudentAsync("Morgan Maths");
        await new LoginPage(page).LogInAndWaitForHomeAsync(student.Email, student.Password, "/student");
        var tutoring = new TutoringPage(page);
        await tutoring.StartFromHomeAsync(SampleContent.ProblemTitle);

        // The statement's LaTeX is typeset, and the tutor opens with the first step's question.
        await Expect(page.Locator(".statement .katex").First).ToBeVisibleAsync();
        await Expect(tutoring.LastTutorTurn).ToContainTextAsync("slices");

        await tutoring.SayAsync("I think there are 16 slices");
        await Expect(tutoring.Progress).ToContainTextAsync("1 of 2");

        // 2/3 is the known misconception (sharing pizzas instead of slices): the tutor first points at it with its hint.
        await tutoring.SayAsync("each friend gets 2/3");
        await Expect(tutoring.LastTutorTurn).ToContainTextAsync("Look at the last sentence of the problem.");
        // The student reads the tutor's words only: the move labels (Focus, Probing, Telling) are for the teacher's transcript.
        await Expect(page.Locator("[data-testid=turn][data-move], [data-testid=turn] .move")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=dialogue]")).Not.ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\b(FOCUS|PROBING|TELLING|Focus|Probing|Telling)\b"));

        await tutoring.AskForHintAsync();
        var hint = await tutoring.LastTutorTurn.InnerTextAsync();
        Assert.DoesNotContain("5 1/3", hint);
        Assert.DoesNotContain("16/3", hint);

        // A reload (or a server restart) resumes the dialogue exactly where it was.
        var turnsBefore = await page.Locator("[data-testid=turn]").CountAsync();
        await page.ReloadAsync();
        await LoginPage.WaitForInteractivityAsync(page);
        await Expect(page.Locator("[data-testid=turn]")).ToHaveCountAsync(turnsBefore);
        await Expect(tutoring.Progress).ToContainTextAsync("1 of 2");

        await tutoring.SayAsync("16 divided by 3 is 5 1/3 slices each");
        await Expect(tutoring.Finish).ToContainTextAsync("You solved it!");
        await Expect(page.GetByTestId("mastery-change").First).ToBeVisibleAsync();
    });

    [Fact]
    public Task Student_text_with_markup_is_shown_as_text_and_never_executed() => ScenarioAsync("tutoring-untrusted-text", async page =>
    {
        var student = await NewStudentAsync("Sam Script");
        await new LoginPage(page).LogInAndWaitForHomeAsync(student.Email, student.Password, "/student");
        var tutoring = new TutoringPage(page);
        await tutoring.StartFromHomeAsync(SampleContent.ProblemTitle);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await tutoring.SayAsync("<img src=x onerror=alert(1)> <b>bold</b>");

        var studentTurn = page.Locator("[data-testid=turn][data-speaker=Student]").Last;
        await Expect(studentTurn).ToContainTextAsync("<img src=x onerror=alert(1)>");
        await Expect(studentTurn.Locator("img")).ToHaveCountAsync(0);
        await Expect(studentTurn.Locator("b")).ToHaveCountAsync(0);
        Assert.Equal(0, dialogs);
    });
}
