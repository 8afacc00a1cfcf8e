using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using TutorApp.Data.Audit;
using TutorApp.Data.Content;
using TutorApp.Domain.Audit;
using TutorApp.Web.Auth;
using TutorApp.Web.Components.Admin.Bank;

namespace TutorApp.Web.Components.Pages.Admin;

/// <summary>The problem bank: find problems, open or preview them, create one, import and export the bank.</summary>
public partial class AdminHome
{
    private const int MaxResults = 500;

    private IReadOnlyList<ProblemListItem>? _problems;
    private IReadOnlyList<SkillNode> _skills = [];
    private string _text = "";
    private string _source = "";
    private int? _skillId;
    private int? _difficulty;
    private bool _creating;
    private string _newTitle = "";
    private string? _createError;
    private bool _busy;
    private string? _userId;

    [Inject]
    private ProblemBank Problems { get; set; } = default!;

    [Inject]
    private SkillCatalog Skills { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string ResultCount => _problems!.Count switch
    {
        0 => "No problems found.",
        1 => "1 problem.",
        MaxResults => $"The first {MaxResults} problems; narrow the filters to see others.",
        var count => $"{count} problems.",
    };

    protected override async Task OnInitializedAsync()
    {
        _userId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier);
        _skills = await Skills.ListAsync();
        await SearchAsync();
    }

    private async Task SearchAsync() =>
        _problems = await Problems.SearchAsync(new BankFilter(_text, _skillId, _source, _difficulty, MaxResults));

    private async Task ClearAsync()
    {
        (_text, _source, _skillId, _difficulty) = ("", "", null, null);
        await SearchAsync();
    }

    private async Task CreateAsync()
    {
        var title = _newTitle.Trim();
        if (title.Length == 0)
        {
            _createError = "Give the problem a title first.";
            return;
        }
        _busy = true;
        try
        {
            var (problemId, versionId) = await Problems.CreateDraftAsync(NewProblem.Key(title), NewProblem.Content(title), _userId);
            await Audit.RecordAsync(await AuthenticationState.AuditActorAsync(), AuditActions.ProblemCreate, $"problem {problemId}", title);
            Navigation.NavigateTo($"admin/problems/versions/{versionId}");
        }
        catch (ContentValidationException ex)
        {
            _createError = string.Join(" ", ex.Issues.Select(i => i.Message));
        }
        finally
        {
            _busy = false;
        }
    }
}
