using System.Text;
using System.Text.Json;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.E2ETests.Admin.Pages;
using TutorApp.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace TutorApp.E2ETests.Admin;

public sealed class ImportReviewTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly DemoAccount AdminAccount = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Admin);

    [Fact]
    public Task An_imported_GSM8K_file_waits_in_the_review_queue_flagged_first_and_is_published_by_the_admin() => ScenarioAsync("admin-review-queue", async page =>
    {
        var name = $"e2e-review-{Guid.NewGuid():N}"[..20];
        var lines = string.Join('\n',
            Line("Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?",
                "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72"),
            // "wheels, bringing the total to": a fragment the importer cannot turn into a question; it says so.
            Line("A garage has 3 cars with 4 wheels each and a bike. How many wheels are there?",
                "The cars have 3*4=<<3*4=12>>12 wheels.\nwheels, bringing the total to 12+2=<<12+2=14>>14.\nSo there are 14*1=<<14*1=14>>14 wheels.\n#### 14"));
        await new LoginPage(page).LogInAndWaitForHomeAsync(AdminAccount.Email, AdminAccount.Password, "/admin");
        var bank = new AdminBankPage(page);
        await bank.OpenAsync();

        await page.Locator("#import-format").SelectOptionAsync("Gsm8k");
        await bank.ImportAsync($"{name}.jsonl", Encoding.UTF8.GetBytes(lines));
        await Expect(bank.ImportSummary).ToContainTextAsync("2 new problems");
        await Expect(page.GetByTestId("import-review-note")).ToContainTextAsync("1 flagged question");

        var review = new ReviewQueuePage(page);
        await review.OpenAsync();
        var flagged = $"gsm8k-{name}-00002";
        var confident = $"gsm8k-{name}-00001";
        await Expect(review.Items.First).ToHaveAttributeAsync("data-key", flagged);
        await Expect(review.Item(flagged).GetByTestId("flag")).ToContainTextAsync("fell back to a generic question");
        await Expect(review.Item(confident).GetByTestId("flag")).ToHaveCountAsync(0);

        // The flagged problem opens in the problem editor, as a draft.
        await review.Item(flagged).GetByTestId("open-draft").ClickAsync();
        await page.WaitForURLAsync("**/admin/problems/versions/*");
        await review.OpenAsync();

        await review.PublishAsync(flagged);
        await Expect(review.Message).ToContainTextAsync($"Published {flagged}");
        await Expect(review.Item(flagged)).ToHaveCountAsync(0);

        await review.PublishAllAsync();
        await Expect(review.Message).ToContainTextAsync("Published 1 problem.");
        await Expect(review.Empty).ToBeVisibleAsync();
    });

    private static string Line(string question, string answer) => JsonSerializer.Serialize(new { question, answer });
}
