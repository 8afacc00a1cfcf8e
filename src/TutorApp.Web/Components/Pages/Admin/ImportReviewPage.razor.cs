using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using TutorApp.Data.Audit;
using TutorApp.Data.Content;
using TutorApp.Domain.Audit;
using TutorApp.Web.Auth;

namespace TutorApp.Web.Components.Pages.Admin;

/// <summary>
/// The import review queue: imported drafts, flagged questions first, each opened in the problem editor or published;
/// "Publish all" publishes the whole queue in one audited transaction.
/// </summary>
public partial class ImportReviewPage
{
    private const int Shown = 200;
    private const int MaxErrorsShown = 50;

    private ReviewQueue? _queue;
    private bool _busy;
    private bool _confirming;
    private string? _message;
    private IReadOnlyList<string> _errors = [];

    [Inject]
    private ProblemBank Problems { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string CountText
    {
        get
        {
            var queue = _queue!;
            var waiting = queue.Waiting == 1 ? "1 imported problem waits" : $"{queue.Waiting:N0} imported problems wait";
            var shown = queue.Items.Count < queue.Waiting ? $" The first {queue.Items.Count:N0} are listed." : "";
            return $"{waiting} for review; {queue.Flagged:N0} with flagged questions.{shown}";
        }
    }

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync() => _queue = await Problems.ReviewQueueAsync(Shown);

    private async Task PublishAsync(ReviewItem item)
    {
        await RunAsync(async () =>
        {
            await Problems.PublishAsync(item.VersionId);
            await Audit.RecordAsync(await AuthenticationState.AuditActorAsync(), AuditActions.ProblemPublish, $"problem version {item.VersionId}", item.Title);
            _message = $"Published {item.Key}: students get it now.";
        });
    }

    private async Task PublishAllAsync()
    {
        await RunAsync(async () =>
        {
            var count = await Problems.PublishAllImportedAsync(await AuthenticationState.AuditActorAsync());
            _message = count == 1 ? "Published 1 problem." : $"Published {count:N0} problems.";
        });
        _confirming = false;
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _message = null;
        _errors = [];
        try
        {
            await action();
        }
        catch (ContentValidationException invalid)
        {
            _errors = invalid.Issues.Select(i => $"{i.Path}: {i.Message}").ToList();
        }
        catch (KeyNotFoundException missing)
        {
            _errors = [missing.Message];
        }
        finally
        {
            _busy = false;
        }
        await LoadAsync();
    }
}
