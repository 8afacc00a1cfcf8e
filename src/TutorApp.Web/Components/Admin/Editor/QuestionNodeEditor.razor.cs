using Microsoft.AspNetCore.Components;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Web.Components.Admin.Editor;

public partial class QuestionNodeEditor
{
    private string _newParent = "";
    private bool _confirmDelete;
    private QuestionNodeModel? _shown;

    /// <summary>The whole problem: new nodes take keys unique across all its steps.</summary>
    [Parameter, EditorRequired]
    public ProblemEditorModel Model { get; set; } = default!;

    [Parameter, EditorRequired]
    public QuestionNodeModel Node { get; set; } = default!;

    [Parameter]
    public EventCallback Changed { get; set; }

    /// <summary>Raised with the node to select next (a new child, the parent of a deleted node), or null.</summary>
    [Parameter]
    public EventCallback<QuestionNodeModel?> Select { get; set; }

    protected override void OnParametersSet()
    {
        if (_shown != Node)
        {
            // Another question was selected: a half-made choice about the previous one must not apply to this one.
            _shown = Node;
            _newParent = "";
            _confirmDelete = false;
        }
    }

    /// <summary>MathDial's finer intents per move (Macina et al. 2023), offered as suggestions; authors may write others.</summary>
    internal static IReadOnlyList<string> SubMoves(TeacherMove move) => move switch
    {
        TeacherMove.Focus => ["Seek strategy", "Guiding student focus", "Recall relevant information"],
        TeacherMove.Probing => ["Asking for explanation", "Seeking self-correction", "Perturbing the question", "Seeking world knowledge"],
        TeacherMove.Telling => ["Revealing strategy", "Revealing answer"],
        TeacherMove.Generic => ["Greeting/Farewell", "General inquiry"],
        _ => [],
    };

    private static string Short(string text) => text.Length <= 60 ? text : text[..59] + "…";

    private Task TriggerChangedAsync(ChangeEventArgs e)
    {
        if (!BankVocabulary.TryTrigger(e.Value as string, out var trigger) || trigger == NodeTrigger.Root)
        {
            return Task.CompletedTask;
        }
        Node.Trigger = trigger;
        // The misconception only means something with that trigger; a stale key would point at nothing once it is removed.
        Node.Misconception = trigger == NodeTrigger.Misconception ? Node.Step.Misconceptions.FirstOrDefault()?.Key : null;
        return NotifyAsync();
    }

    private Task MisconceptionChangedAsync(ChangeEventArgs e)
    {
        Node.Misconception = e.Value as string;
        return NotifyAsync();
    }

    private Task MoveChangedAsync(ChangeEventArgs e)
    {
        if (Enum.TryParse<TeacherMove>(e.Value as string, out var move))
        {
            Node.Move = move;
        }
        return NotifyAsync();
    }

    private async Task AddChildAsync()
    {
        var child = Model.AddChild(Node);
        await NotifyAsync();
        await Select.InvokeAsync(child);
    }

    private Task MoveAmongSiblingsAsync(int offset)
    {
        ProblemEditorModel.MoveAmongSiblings(Node, offset);
        return NotifyAsync();
    }

    private Task MoveUnderAsync()
    {
        var parent = ProblemEditorModel.PossibleParents(Node).FirstOrDefault(p => p.Key == _newParent);
        if (parent is null)
        {
            return Task.CompletedTask;
        }
        ProblemEditorModel.MoveUnder(Node, parent);
        _newParent = "";
        return NotifyAsync();
    }

    private async Task AskDeleteAsync()
    {
        // A leaf goes at once; a question with follow-ups takes them along, so that is confirmed first.
        if (Node.Children.Count == 0)
        {
            await DeleteAsync();
        }
        else
        {
            _confirmDelete = true;
        }
    }

    private async Task DeleteAsync()
    {
        var parent = Node.Parent;
        ProblemEditorModel.Delete(Node);
        _confirmDelete = false;
        await NotifyAsync();
        await Select.InvokeAsync(parent);
    }

    private Task NotifyAsync() => Changed.InvokeAsync();
}
