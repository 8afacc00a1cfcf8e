using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using TutorApp.Data.Audit;
using TutorApp.Domain.Audit;
using TutorApp.Web.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;
using Radzen;
using TutorApp.Data.Content;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Web.Components.Admin.Editor;

namespace TutorApp.Web.Components.Pages.Admin;

/// <summary>
/// The problem editor. Edits happen on a <see cref="ProblemEditorModel"/>; after each edit (debounced) the content is
/// validated as it stands, so the author sees errors while working, and publishing is offered only without errors.
/// Published and retired versions are shown read-only, with a way to start a new version.
/// </summary>
public partial class ProblemEditor : IDisposable
{
    // Long enough to let a burst of keystrokes in the statement settle, short enough to feel live.
    private static readonly TimeSpan ValidationDelay = TimeSpan.FromMilliseconds(400);

    private ProblemEditorModel? _model;
    private ProblemHistory? _history;
    private IReadOnlyList<string> _skillNames = [];
    private bool _notFound;
    private bool _readOnly;
    private bool _dirty;
    private int _edits; // counts edits, so a save knows whether the author changed more while it was running
    private bool _busy;
    private string? _message;
    private AlertStyle _messageStyle = AlertStyle.Info;
    private QuestionNodeModel? _selectedNode;

    private IReadOnlyList<ContentIssue>? _issues;
    private BankProblemVersion? _validated;
    private bool _checking;
    private DateTimeOffset? _checkedAt;
    private IReadOnlySet<string> _nodesWithErrors = new HashSet<string>();
    private CancellationTokenSource? _pendingValidation;
    private int? _loadedVersionId;

    [Parameter]
    public int VersionId { get; set; }

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [Inject]
    private ProblemBank Problems { get; set; } = default!;

    [Inject]
    private SkillCatalog Skills { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ILogger<ProblemEditor> Logger { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string DisplayTitle => string.IsNullOrWhiteSpace(_model?.Title) ? "Untitled problem" : _model.Title;

    private bool CanPublish => _issues is not null && _issues.All(i => i.Severity != IssueSeverity.Error) && !_checking;

    private AnswerSpecModel? FinalAnswer
    {
        get => _model?.FinalAnswer;
        set
        {
            if (_model is not null && value is not null)
            {
                _model.FinalAnswer = value;
            }
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        // The same page instance shows another version after "Edit as new version" or a click in the history.
        if (VersionId != _loadedVersionId)
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        _loadedVersionId = VersionId;
        _message = null;
        var content = await Problems.LoadBankVersionAsync(VersionId);
        _history = content is null ? null : await Problems.HistoryOfVersionAsync(VersionId);
        _notFound = content is null || _history is null;
        if (_notFound)
        {
            return;
        }
        _skillNames = (await Skills.ListAsync()).Select(s => s.Name).ToList();
        _model = ProblemEditorModel.FromBank(content!);
        _readOnly = _model.Status != BankVocabulary.Word(VersionStatus.Draft);
        _dirty = false;
        _selectedNode = null;
        await ValidateNowAsync();
    }

    private Task EditedAsync()
    {
        _edits++;
        _dirty = true;
        ScheduleValidation();
        return Task.CompletedTask;
    }

    private void ScheduleValidation()
    {
        _pendingValidation?.Cancel();
        _pendingValidation?.Dispose();
        _pendingValidation = new CancellationTokenSource();
        _ = ValidateLaterAsync(_pendingValidation.Token);
    }

    private async Task ValidateLaterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(ValidationDelay, Clock, cancellationToken);
            await InvokeAsync(async () =>
            {
                await ValidateNowAsync();
                StateHasChanged();
            });
        }
        catch (OperationCanceledException)
        {
            // A newer edit scheduled its own check.
        }
        catch (Exception ex)
        {
            // Nobody awaits this background check, so a failure (the database gone, say) is logged and shown here.
            Logger.LogError(ex, "Checking problem version {VersionId} failed", VersionId);
            await InvokeAsync(() =>
            {
                Show(AlertStyle.Warning, "The content could not be checked just now; use \"Check now\" to try again.");
                StateHasChanged();
            });
        }
    }

    private async Task CheckNowAsync()
    {
        _pendingValidation?.Cancel();
        await ValidateNowAsync();
    }

    private async Task ValidateNowAsync()
    {
        if (_model is null)
        {
            return;
        }
        _checking = true;
        try
        {
            var content = _model.ToBank();
            _issues = await Problems.ValidateAsync(content);
            _validated = content;
            _checkedAt = Clock.GetUtcNow();
            _nodesWithErrors = _issues.Where(i => i.Severity == IssueSeverity.Error)
                .Select(i => IssueLocation.NodeKey(i.Path, content)).OfType<string>().ToHashSet();
        }
        finally
        {
            _checking = false;
        }
    }

    private int IssueCount(StepModel step, IssueSeverity severity) => _issues is null || _validated is null ? 0
        : _issues.Count(i => i.Severity == severity && IssueLocation.StepKey(i.Path, _validated) == step.Key);

    private void SelectNode(QuestionNodeModel? node) => _selectedNode = node;

    private void GoToNode(string key) => _selectedNode = _model?.Nodes.FirstOrDefault(n => n.Key == key);

    private Task AddStepAsync()
    {
        _model!.AddStep();
        return EditedAsync();
    }

    private Task SaveClickedAsync() => SaveAsync();

    /// <summary>Saves the draft; false (with the reasons shown) when the store refuses it.</summary>
    private async Task<bool> SaveAsync()
    {
        if (_model is null || _readOnly)
        {
            return false;
        }
        _busy = true;
        try
        {
            var editsSaved = _edits;
            await Problems.SaveDraftAsync(VersionId, _model.ToBank());
            await AuditAsync(AuditActions.ProblemSaveDraft, $"problem version {VersionId}", _model.Title);
            _dirty = _edits != editsSaved;
            Show(AlertStyle.Success, $"Draft saved at {Clock.GetLocalNow():HH:mm:ss}.");
            return true;
        }
        catch (ContentValidationException ex)
        {
            Show(AlertStyle.Danger, $"Not saved: {Explain(ex)}");
            return false;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task PublishAsync()
    {
        await CheckNowAsync();
        if (!CanPublish)
        {
            Show(AlertStyle.Danger, "Not published: fix the errors listed under Checks first.");
            return;
        }
        if (_dirty && !await SaveAsync())
        {
            return;
        }
        _busy = true;
        try
        {
            await Problems.PublishAsync(VersionId);
            await AuditAsync(AuditActions.ProblemPublish, $"problem version {VersionId}", _model!.Title);
            await LoadAsync();
            Show(AlertStyle.Success, $"Version {_model!.Number} is published: students get it from now on.");
        }
        catch (ContentValidationException ex)
        {
            Show(AlertStyle.Danger, $"Not published: {Explain(ex)}");
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task EditAsNewVersionAsync()
    {
        _busy = true;
        try
        {
            var draftId = await Problems.StartNewVersionAsync(_history!.ProblemId, await UserIdAsync());
            await AuditAsync(AuditActions.ProblemNewVersion, $"problem version {draftId}", $"problem {_history.ProblemId}");
            Navigation.NavigateTo($"admin/problems/versions/{draftId}");
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The preview shows the stored version, so unsaved edits of a draft are saved first.</summary>
    private async Task PreviewAsync()
    {
        if (_dirty && !_readOnly && !await SaveAsync())
        {
            return;
        }
        Navigation.NavigateTo($"admin/problems/versions/{VersionId}/preview");
    }

    private async Task ConfirmLeavingAsync(LocationChangingContext context)
    {
        // A link to a step's card (an issue in the Checks panel) stays on this page.
        static string WithoutFragment(string uri) => uri.Split('#')[0];
        var samePage = WithoutFragment(Navigation.ToAbsoluteUri(context.TargetLocation).ToString()) == WithoutFragment(Navigation.Uri);
        if (_dirty && !samePage && !await JS.InvokeAsync<bool>("confirm", "This draft has unsaved changes. Leave without saving?"))
        {
            context.PreventNavigation();
        }
    }

    private string Explain(ContentValidationException ex)
    {
        var content = _model!.ToBank();
        var reasons = ex.Issues.Take(5).Select(i => $"{IssueLocation.Describe(i.Path, content)}: {i.Message}");
        return string.Join("; ", reasons) + (ex.Issues.Count > 5 ? $" (and {ex.Issues.Count - 5} more)" : "") + ".";
    }

    private void Show(AlertStyle style, string message)
    {
        _messageStyle = style;
        _message = message;
    }

    private async Task AuditAsync(string action, string target, string details) =>
        await Audit.RecordAsync(await AuthenticationState.AuditActorAsync(), action, target, details);

    private async Task<string?> UserIdAsync() => (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier);

    private static string When(VersionSummary version) => version.PublishedAt is { } published
        ? $"published {published.ToLocalTime():yyyy-MM-dd}"
        : $"created {version.CreatedAt.ToLocalTime():yyyy-MM-dd}";

    public void Dispose()
    {
        _pendingValidation?.Cancel();
        _pendingValidation?.Dispose();
    }
}
