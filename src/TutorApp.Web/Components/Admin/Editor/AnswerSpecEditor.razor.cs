using Microsoft.AspNetCore.Components;

namespace TutorApp.Web.Components.Admin.Editor;

public partial class AnswerSpecEditor
{
    [Parameter, EditorRequired]
    public AnswerSpecModel? Spec { get; set; }

    [Parameter]
    public EventCallback<AnswerSpecModel?> SpecChanged { get; set; }

    /// <summary>Prefix of the ids of the fields, unique on the page (e.g. "final", "step-s1-expected").</summary>
    [Parameter, EditorRequired]
    public string IdPrefix { get; set; } = "";

    [Parameter]
    public string Label { get; set; } = "Answer kind";

    /// <summary>Whether "no answer" may be chosen; <see cref="NoneLabel"/> names that choice.</summary>
    [Parameter]
    public bool Optional { get; set; }

    [Parameter]
    public string NoneLabel { get; set; } = "None";

    /// <summary>Raised after every edit, so the page can mark the draft changed and check it again.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    private string KindValue => Spec?.Kind.ToString() ?? "";

    private string VariablesText
    {
        get => string.Join(", ", Spec?.Variables ?? []);
        set => Spec!.Variables = value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    private string AcceptedText
    {
        get => string.Join("\n", Spec?.Accepted ?? []);
        set => Spec!.Accepted = value.Split('\n', StringSplitOptions.TrimEntries).Where(a => a.Length > 0).ToList();
    }

    private async Task KindChangedAsync(ChangeEventArgs e)
    {
        if (!Enum.TryParse<AnswerKind>(e.Value as string, out var kind))
        {
            await SpecChanged.InvokeAsync(null);
        }
        else if (Spec is null)
        {
            await SpecChanged.InvokeAsync(new AnswerSpecModel { Kind = kind });
        }
        else
        {
            Spec.Kind = kind;
        }
        await NotifyAsync();
    }

    private Task SetCorrectAsync(int index)
    {
        Spec!.Correct = index;
        return NotifyAsync();
    }

    private Task SetOptionAsync(int index, string? text)
    {
        Spec!.Options[index] = text ?? "";
        return NotifyAsync();
    }

    private Task AddOptionAsync()
    {
        Spec!.Options.Add("");
        return NotifyAsync();
    }

    private Task RemoveOptionAsync(int index)
    {
        Spec!.Options.RemoveAt(index);
        // Keep the same option marked right, or the first one if the right one was removed.
        Spec.Correct = Spec.Correct == index ? 0 : Spec.Correct > index ? Spec.Correct - 1 : Spec.Correct;
        return NotifyAsync();
    }

    private Task NotifyAsync() => Changed.InvokeAsync();

    /// <summary>The answer as a person would write it, once the spec is usable.</summary>
    private static string? Summary(AnswerSpecModel model)
    {
        var spec = model.ToSpec();
        return spec.Validate().Count == 0 ? spec.Display() : null;
    }
}
