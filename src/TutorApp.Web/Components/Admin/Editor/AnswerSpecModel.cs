using TutorApp.Domain.Answers;

namespace TutorApp.Web.Components.Admin.Editor;

/// <summary>The kinds of <see cref="AnswerSpec"/> an author can choose from, in the order the editor lists them.</summary>
public enum AnswerKind
{
    Number,
    Fraction,
    Expression,
    Choice,
    Text,
}

/// <summary>
/// An answer spec the author is filling in. It keeps the fields of every kind at once, so switching the kind back and
/// forth does not throw away what was typed; only the chosen kind's fields become the <see cref="AnswerSpec"/>.
/// </summary>
public sealed class AnswerSpecModel
{
    public AnswerKind Kind { get; set; } = AnswerKind.Number;

    public decimal Value { get; set; }
    public decimal Tolerance { get; set; }
    public string Unit { get; set; } = "";

    public long Numerator { get; set; }
    public long Denominator { get; set; } = 1;
    public bool RequireSimplest { get; set; }

    public string Expression { get; set; } = "";
    public List<string> Variables { get; set; } = ["x"];

    public List<string> Options { get; set; } = ["", ""];
    public int Correct { get; set; }

    public List<string> Accepted { get; set; } = [""];

    public static AnswerSpecModel FromSpec(AnswerSpec spec)
    {
        var model = new AnswerSpecModel();
        switch (spec)
        {
            case NumberAnswer number:
                model.Kind = AnswerKind.Number;
                model.Value = number.Value;
                model.Tolerance = number.Tolerance;
                model.Unit = number.Unit ?? "";
                break;
            case FractionAnswer fraction:
                model.Kind = AnswerKind.Fraction;
                model.Numerator = fraction.Numerator;
                model.Denominator = fraction.Denominator;
                model.RequireSimplest = fraction.RequireSimplest;
                break;
            case ExpressionAnswer expression:
                model.Kind = AnswerKind.Expression;
                model.Expression = expression.Expression;
                model.Variables = [.. expression.Variables];
                break;
            case ChoiceAnswer choice:
                model.Kind = AnswerKind.Choice;
                model.Options = [.. choice.Options];
                model.Correct = choice.Correct;
                break;
            case TextAnswer text:
                model.Kind = AnswerKind.Text;
                model.Accepted = [.. text.Accepted];
                break;
            default:
                throw new NotSupportedException($"The editor does not know the answer kind {spec.GetType().Name}.");
        }
        return model;
    }

    public AnswerSpec ToSpec() => Kind switch
    {
        // An empty unit box means "no unit", which the bank format writes as null.
        AnswerKind.Number => new NumberAnswer(Value, Tolerance, string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim()),
        AnswerKind.Fraction => new FractionAnswer(Numerator, Denominator, RequireSimplest),
        AnswerKind.Expression => new ExpressionAnswer(Expression.Trim(), Variables.Select(v => v.Trim()).Where(v => v.Length > 0).ToList()),
        AnswerKind.Choice => new ChoiceAnswer([.. Options], Correct),
        AnswerKind.Text => new TextAnswer(Accepted.Where(a => !string.IsNullOrWhiteSpace(a)).ToList()),
        _ => throw new NotSupportedException($"Unknown answer kind {Kind}."),
    };

    public static string Describe(AnswerKind kind) => kind switch
    {
        AnswerKind.Number => "Number",
        AnswerKind.Fraction => "Fraction",
        AnswerKind.Expression => "Algebraic expression",
        AnswerKind.Choice => "Multiple choice",
        AnswerKind.Text => "Text",
        _ => kind.ToString(),
    };
}
