using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using TutorApp.Data.Audit;
using TutorApp.Data.Content;
using TutorApp.Domain.Audit;
using TutorApp.Web.Auth;

namespace TutorApp.Web.Components.Pages.Admin;

/// <summary>The skill catalogue: create skills, edit description and parent, and edit the prerequisite graph.</summary>
public partial class AdminSkills
{
    private IReadOnlyList<SkillNode>? _skills;
    private SkillNode? _selected;
    private bool _busy;

    private string _newName = "";
    private string _newDescription = "";
    private int? _newParentId;
    private string? _createError;

    private string _editDescription = "";
    private int? _editParentId;
    private int? _prerequisiteToAdd;

    private string? _message;
    private bool _messageIsError;

    [Inject]
    private SkillCatalog Catalog { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private async Task AuditAsync(string action, string target, string details) =>
        await Audit.RecordAsync(await AuthenticationState.AuditActorAsync(), action, target, details);

    protected override Task OnInitializedAsync() => ReloadAsync();

    private string NameOf(int id) => _skills?.FirstOrDefault(s => s.Id == id)?.Name ?? $"#{id}";

    private async Task ReloadAsync()
    {
        _skills = await Catalog.ListAsync();
        _selected = _selected is null ? null : _skills.FirstOrDefault(s => s.Id == _selected.Id);
    }

    private Task SelectAsync(int id)
    {
        _selected = _skills?.FirstOrDefault(s => s.Id == id);
        _editDescription = _selected?.Description ?? "";
        _editParentId = _selected?.ParentId;
        _prerequisiteToAdd = null;
        _message = null;
        return Task.CompletedTask;
    }

    private async Task CreateAsync()
    {
        _createError = null;
        await RunAsync(async () =>
        {
            var id = await Catalog.CreateAsync(_newName, _newDescription, _newParentId);
            await AuditAsync(AuditActions.SkillCreate, $"skill {id}", _newName.Trim());
            (_newName, _newDescription, _newParentId) = ("", "", null);
            await ReloadAsync();
            await SelectAsync(id);
            Say($"Created the skill {NameOf(id)}.");
        }, error => _createError = error);
    }

    private Task SaveAsync() => RunAsync(async () =>
    {
        await Catalog.UpdateAsync(_selected!.Id, _editDescription, _editParentId);
        await AuditAsync(AuditActions.SkillUpdate, $"skill {_selected.Id}", $"{_selected.Name}: parent {_editParentId?.ToString() ?? "none"}, description \"{_editDescription.Trim()}\"");
        await ReloadAsync();
        Say($"Saved {_selected!.Name}.");
    });

    private Task AddPrerequisiteAsync() => RunAsync(async () =>
    {
        if (_prerequisiteToAdd is not { } prerequisite)
        {
            return;
        }
        await Catalog.AddPrerequisiteAsync(_selected!.Id, prerequisite);
        await AuditAsync(AuditActions.SkillAddPrerequisite, $"skill {_selected.Id}", $"{NameOf(prerequisite)} before {_selected.Name}");
        if (_prerequisiteToAdd == prerequisite)
        {
            // Unless the author already picked the next one while this one was being stored.
            _prerequisiteToAdd = null;
        }
        await ReloadAsync();
        Say($"{NameOf(prerequisite)} is now a prerequisite of {_selected!.Name}.");
    });

    private Task RemovePrerequisiteAsync(int prerequisite) => RunAsync(async () =>
    {
        await Catalog.RemovePrerequisiteAsync(_selected!.Id, prerequisite);
        await AuditAsync(AuditActions.SkillRemovePrerequisite, $"skill {_selected.Id}", $"{NameOf(prerequisite)} no longer before {_selected.Name}");
        await ReloadAsync();
        Say($"{NameOf(prerequisite)} is no longer a prerequisite of {_selected!.Name}.");
    });

    /// <summary>Runs a change; the catalogue's refusals (a duplicate name, a cycle) are shown in its own words.</summary>
    private async Task RunAsync(Func<Task> change, Action<string>? onError = null)
    {
        _busy = true;
        _message = null;
        try
        {
            await change();
        }
        catch (SkillGraphException ex)
        {
            if (onError is not null)
            {
                onError(ex.Message);
            }
            else
            {
                _message = ex.Message;
                _messageIsError = true;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private void Say(string message)
    {
        _message = message;
        _messageIsError = false;
    }
}
