using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Audit;
using TutorApp.Data.Content;
using TutorApp.Domain.Audit;
using TutorApp.Domain.Content;
using TutorApp.TestSupport;

namespace TutorApp.IntegrationTests;

/// <summary>
/// Imports of generated questions land as drafts in the review queue (real GSM8K lines, real PostgreSQL); an admin
/// publishes them one by one or all at once. Each test has its own database: the queue is the whole bank's.
/// </summary>
public sealed class ImportReviewTests : IAsyncLifetime
{
    private const int Lines = 40;
    private static readonly AuditActor Admin = new("admin-id", "admin@review.test");

    private readonly TestDatabase _database = new();
    private TutorAppFactory _app = default!;
    private string _file = "";

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _app = new TutorAppFactory(_database.ConnectionString, environment: "Testing");
        _file = Path.Combine(Path.GetTempPath(), $"gsm8k-review-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(_file, (await File.ReadAllLinesAsync(TestData.File("gsm8k", "test.jsonl"))).Take(Lines));
    }

    public async Task DisposeAsync()
    {
        File.Delete(_file);
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_import_lands_as_drafts_students_do_not_get_listed_flagged_first_with_their_reasons()
    {
        var report = await ImportAsync(ImportPublishing.Drafts);

        Assert.Equal((Lines, Lines), (report.Summary.ProblemsImported, report.Summary.DraftsToReview));
        Assert.Empty(await Bank.ListPublishedAsync());
        var queue = await Bank.ReviewQueueAsync();
        Assert.Equal(Lines, queue.Waiting);
        Assert.Equal(Lines, queue.Items.Count);
        Assert.Equal(queue.Items.Count(i => i.OpenFlags.Count > 0), queue.Flagged);
        Assert.InRange(queue.Flagged, 1, Lines - 1);
        // Flagged first, the most doubtful first; then by key.
        var flagCounts = queue.Items.Select(i => i.OpenFlags.Count).ToList();
        Assert.Equal(flagCounts.OrderByDescending(c => c), flagCounts);
        var unflagged = queue.Items.Where(i => i.OpenFlags.Count == 0).Select(i => i.Key).ToList();
        Assert.Equal(unflagged.Order(StringComparer.Ordinal), unflagged);
        Assert.All(queue.Items.SelectMany(i => i.OpenFlags), f => Assert.False(string.IsNullOrWhiteSpace(f.Describe())));
        Assert.All(queue.Items, i => Assert.Equal(Path.GetFileName(_file), i.File));

        var waiting = queue.Items[0];
        var version = (await Bank.LoadVersionAsync(waiting.VersionId))!;
        Assert.Equal(VersionStatus.Draft, version.Status);
        var flagged = waiting.OpenFlags[0];
        Assert.Equal(flagged.Question, version.Steps.Single(s => s.Key == flagged.StepKey).Prompt);
    }

    [Fact]
    public async Task Rewording_a_flagged_question_settles_its_flags_and_a_published_problem_leaves_the_queue()
    {
        await ImportAsync(ImportPublishing.Drafts);
        var item = (await Bank.ReviewQueueAsync()).Items[0];
        var stepKey = item.OpenFlags[0].StepKey;
        var content = (await Bank.LoadBankVersionAsync(item.VersionId))!;

        await Bank.SaveDraftAsync(item.VersionId, content with
        {
            Steps = content.Steps.Select(s => s.Key == stepKey ? s with { Prompt = "A question a teacher wrote?" } : s).ToList(),
        });

        var after = (await Bank.ReviewQueueAsync()).Items.Single(i => i.VersionId == item.VersionId);
        Assert.DoesNotContain(after.OpenFlags, f => f.StepKey == stepKey);

        await Bank.PublishAsync(item.VersionId);
        var queue = await Bank.ReviewQueueAsync();
        Assert.Equal(Lines - 1, queue.Waiting);
        Assert.DoesNotContain(queue.Items, i => i.VersionId == item.VersionId);
        Assert.Equal([item.ProblemId], (await Bank.ListPublishedAsync()).Select(p => p.ProblemId));
    }

    [Fact]
    public async Task Publish_all_publishes_every_imported_draft_and_audits_it_in_the_same_transaction()
    {
        await ImportAsync(ImportPublishing.Drafts);
        // A problem an admin wrote by hand is a draft too, but not an imported one: publish all leaves it alone.
        var handMade = (await Bank.LoadBankVersionAsync((await Bank.ReviewQueueAsync()).Items[0].VersionId))!;
        var (_, handMadeVersion) = await Bank.CreateDraftAsync("hand-made", handMade with { Title = "" }, authorId: null);

        var published = await Bank.PublishAllImportedAsync(Admin);

        Assert.Equal(Lines, published);
        Assert.Equal(Lines, (await Bank.ListPublishedAsync()).Count);
        Assert.Equal(0, (await Bank.ReviewQueueAsync()).Waiting);
        Assert.Equal(VersionStatus.Draft, (await Bank.LoadVersionAsync(handMadeVersion))!.Status);
        var entry = Assert.Single(await Audit.ListAsync(AuditActions.ProblemPublishAll));
        Assert.Equal((Admin.Id, Admin.Name), (entry.ActorId, entry.ActorName));
        Assert.Contains($"{Lines} imported problem(s) published", entry.Details);
        Assert.Equal(0, await Bank.PublishAllImportedAsync(Admin));
    }

    [Fact]
    public async Task Publish_all_publishes_nothing_when_one_imported_draft_is_not_valid_and_names_it()
    {
        await ImportAsync(ImportPublishing.Drafts);
        var broken = (await Bank.ReviewQueueAsync()).Items[^1];
        var content = (await Bank.LoadBankVersionAsync(broken.VersionId))!;
        // A draft may be saved half-finished; only publishing refuses it.
        await Bank.SaveDraftAsync(broken.VersionId, content with { Title = "" });

        var error = await Assert.ThrowsAsync<ContentValidationException>(() => Bank.PublishAllImportedAsync(Admin));

        Assert.Contains(error.Issues, i => i.Path == $"{broken.Key}: title" && i.Message == "required");
        Assert.Empty(await Bank.ListPublishedAsync());
        Assert.Equal(Lines, (await Bank.ReviewQueueAsync()).Waiting);
        Assert.Empty(await Audit.ListAsync(AuditActions.ProblemPublishAll));
    }

    [Fact]
    public async Task Publishing_at_once_gives_students_every_problem_and_leaves_the_queue_empty()
    {
        var report = await ImportAsync(ImportPublishing.PublishAtOnce);

        Assert.Equal((Lines, 0), (report.Summary.ProblemsImported, report.Summary.DraftsToReview));
        Assert.Equal(Lines, (await Bank.ListPublishedAsync()).Count);
        Assert.Equal(0, (await Bank.ReviewQueueAsync()).Waiting);
    }

    private ProblemBank Bank => _app.Services.CreateScope().ServiceProvider.GetRequiredService<ProblemBank>();

    private AuditLog Audit => _app.Services.CreateScope().ServiceProvider.GetRequiredService<AuditLog>();

    private async Task<ImportReport> ImportAsync(ImportPublishing publishing)
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContentImport>().ImportFileAsync(_file, ImportFormat.Gsm8k, lenient: false, publishing);
    }
}
