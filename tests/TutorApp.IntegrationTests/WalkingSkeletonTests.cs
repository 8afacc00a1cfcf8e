using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data;
using TutorApp.Data.Identity;
using TutorApp.Data.Practice;
using TutorApp.Data.Problems;
using TutorApp.Data.Reporting;

namespace TutorApp.IntegrationTests;

/// <summary>The skeleton's services on the real database: author a problem, attempt its steps, report per skill.</summary>
public sealed class WalkingSkeletonTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Attempts_are_checked_stored_as_interactions_and_counted_per_student_and_skill()
    {
        using var scope = app.Factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var problemId = await services.GetRequiredService<ProblemBank>().CreateAsync(new ProblemDraft(
            "Area of a rectangle", "A rectangle is $3$ by $4.5$ metres.",
            [new StepDraft("What is its area in square metres?", 13.5m, 0.01m, "Area"),
             new StepDraft("What is its perimeter in metres?", 15m, 0m, "Perimeter")]), authorId: null);
        var student = await NewStudentAsync(services, "pat@test.example", "Pat");
        var problem = (await services.GetRequiredService<ProblemBank>().FindWithStepsAsync(problemId))!;
        var attempts = services.GetRequiredService<StepAttempts>();

        var wrong = await attempts.SubmitAsync(student.Id, problem.Steps[0].Id, "12");
        var notANumber = await attempts.SubmitAsync(student.Id, problem.Steps[0].Id, "I think it is big");
        var right = await attempts.SubmitAsync(student.Id, problem.Steps[0].Id, "13.5 m²");
        var perimeter = await attempts.SubmitAsync(student.Id, problem.Steps[1].Id, "15");

        Assert.Equal(AttemptOutcome.Incorrect, wrong.Outcome);
        Assert.Equal(AttemptOutcome.NotANumber, notANumber.Outcome);
        Assert.Equal(AttemptOutcome.Correct, right.Outcome);
        Assert.Equal(AttemptOutcome.Correct, perimeter.Outcome);
        Assert.Equal(problem.Steps.Select(s => s.Id).ToHashSet(), await attempts.SolvedStepIdsAsync(student.Id, problemId));

        await using var db = await services.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContextAsync();
        var stored = await db.Interactions.Where(i => i.StudentId == student.Id).OrderBy(i => i.Id).ToListAsync();
        Assert.Equal([false, true, true], stored.Select(i => i.Correct));
        Assert.Equal([problem.Steps[0].SkillId, problem.Steps[0].SkillId, problem.Steps[1].SkillId], stored.Select(i => i.SkillId));
        Assert.Equal("13.5 m²", stored[1].AnswerText);

        var report = (await services.GetRequiredService<SkillCorrectnessReport>().LoadAsync()).Where(r => r.StudentId == student.Id).ToList();
        Assert.Equal([("Area", 2, 1), ("Perimeter", 1, 1)], report.Select(r => (r.SkillName, r.Attempts, r.Correct)));
        Assert.All(report, r => Assert.Equal("Pat", r.StudentName));
    }

    [Fact]
    public async Task An_invalid_problem_is_rejected_with_every_problem_named_and_nothing_saved()
    {
        using var scope = app.Factory.Services.CreateScope();
        var bank = scope.ServiceProvider.GetRequiredService<ProblemBank>();
        var before = (await bank.ListAsync()).Count;
        var skillsBefore = (await bank.ListSkillsAsync()).Count;

        var error = await Assert.ThrowsAsync<ProblemValidationException>(() => bank.CreateAsync(new ProblemDraft(
            "", "Statement", [new StepDraft("Fine step", 1, 0, "A brand-new skill"), new StepDraft("", 2, -1, "")]), authorId: null));

        Assert.Equal(["Title: required.", "Step 2 prompt: required.", "Step 2 skill: required.", "Step 2 tolerance: must not be negative."], error.Errors);
        Assert.Equal(before, (await bank.ListAsync()).Count);
        Assert.Equal(skillsBefore, (await bank.ListSkillsAsync()).Count);
    }

    [Fact]
    public async Task Skills_named_again_are_reused_not_duplicated()
    {
        using var scope = app.Factory.Services.CreateScope();
        var bank = scope.ServiceProvider.GetRequiredService<ProblemBank>();

        await bank.CreateAsync(new ProblemDraft("One", "x", [new StepDraft("p", 1, 0, "Shared skill")]), authorId: null);
        await bank.CreateAsync(new ProblemDraft("Two", "y", [new StepDraft("q", 2, 0, "Shared skill"), new StepDraft("r", 3, 0, "Shared skill")]), authorId: null);

        Assert.Single(await bank.ListSkillsAsync(), s => s.Name == "Shared skill");
    }

    private static async Task<ApplicationUser> NewStudentAsync(IServiceProvider services, string email, string name)
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = name };
        Assert.True((await users.CreateAsync(user, "Password-123!")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Student)).Succeeded);
        return user;
    }
}
