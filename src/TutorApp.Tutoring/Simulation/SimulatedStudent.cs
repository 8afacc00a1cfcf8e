using System.Globalization;
using TutorApp.Domain.Content;

namespace TutorApp.Tutoring.Simulation;

/// <summary>
/// A tutor turn as a student sees it: the words on the screen, and whether the tutor has closed the dialogue. Nothing
/// else: no move label, step key, node key or expected value can reach the simulated student.
/// </summary>
public sealed record TutorMessage(string Text, bool Closing = false);

/// <summary>What a reply did: the text, and whether the student now holds the right value where it went wrong.</summary>
public sealed record SimulatedReply(string Text, bool Corrected, SimulatedReplyKind Kind);

public enum SimulatedReplyKind
{
    /// <summary>The student's right value for the quantity it understood to be asked.</summary>
    Correct,
    /// <summary>Arithmetic the tutor wrote out, computed.</summary>
    Computed,
    /// <summary>Its wrong value (or a value carried from it), possibly with the calculation that gave it.</summary>
    RestatesWrongValue,
    /// <summary>The value of another quantity than the one asked.</summary>
    OtherQuantity,
    /// <summary>The operation it believes a quantity needs.</summary>
    Operation,
    /// <summary>How it got a value.</summary>
    Explains,
    /// <summary>Its whole solution, final answer included.</summary>
    WholeSolution,
    DontKnow,
    AsksForAnswer,
    /// <summary>A question instead of an answer.</summary>
    Question,
    /// <summary>Working without a result, or words about what to do.</summary>
    PartialReasoning,
    /// <summary>What the problem asks and gives.</summary>
    Restates,
    /// <summary>A reply to a turn it could not understand.</summary>
    Generic,
    /// <summary>A number picked at random (an adversarial student).</summary>
    Guess,
    /// <summary>A reply to a closing turn.</summary>
    Thanks,
}

/// <summary>Who the simulated student is.</summary>
public enum StudentBehaviour
{
    /// <summary>Reads the tutor's words and answers them, holding its misconception until a turn moves it (MathDial-calibrated).</summary>
    Honest,
    /// <summary>Adversarial: asks for the answer every turn.</summary>
    AlwaysAsksForAnswer,
    /// <summary>Adversarial: pastes its whole wrong solution every turn.</summary>
    PastesWrongSolution,
    /// <summary>Adversarial: answers every question with the value of another quantity (never the final answer).</summary>
    GivesOtherStepsValues,
    /// <summary>Adversarial: guesses numbers (never the final answer).</summary>
    GuessesNumbers,
}

/// <summary>
/// An offline student, seeded and reproducible, that sees only the problem and the tutor's words. It knows the worked
/// solution's quantities as a capable student would, except the one where its misconception sits (located from the
/// MathDial student's own incorrect solution), whose wrong value carries into every quantity computed from it. For each
/// turn it works out from the words what is asked (<see cref="QuestionReader"/>): it computes arithmetic written out,
/// answers a quantity it can tie the words to with its own value for it, names an operation, explains or pastes its
/// working, and answers a question it cannot tie to anything generically. A turn about the quantities its misconception
/// touches corrects it with the chance MathDial shows for the turn's move (read from the words; a repeated question counts
/// as generic; a turn stating the right value is copied at the measured rate); a reply that does not correct says "I don't
/// know", asks for the answer, asks a question, restates its value or shows partial working, in MathDial's proportions.
/// </summary>
public sealed class SimulatedStudent
{
    private readonly StudentKnowledge _knowledge;
    private readonly SimulatorParameters _parameters;
    private readonly Random _random;
    private readonly IReadOnlySet<int> _affected;
    private string? _lastQuestion;
    private int? _topic;
    private int _turns;
    private int _otherCursor;

    public SimulatedStudent(StudentKnowledge knowledge, StudentBehaviour behaviour, SimulatorParameters parameters, int seed)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(parameters);
        _knowledge = knowledge;
        Behaviour = behaviour;
        _parameters = parameters;
        _random = new Random(seed);
        _affected = knowledge.Misconception is null ? new HashSet<int>() : knowledge.AffectedByMisconception();
        Corrected = knowledge.Misconception is null;
    }

    public StudentBehaviour Behaviour { get; }

    public StudentKnowledge Knowledge => _knowledge;

    /// <summary>The student now holds the right value where its misconception was.</summary>
    public bool Corrected { get; private set; }

    /// <summary>The student has already given its wrong value once (its first answer on the quantity is always that value).</summary>
    public bool Attempted { get; private set; }

    /// <summary>For a hint validator: the student has already answered the question about this quantity wrongly.</summary>
    public void AlreadyAttempted(int quantity, string question)
    {
        Attempted = true;
        _topic = quantity;
        _lastQuestion = QuestionReader.LastAsk(question).Ask;
    }

    public SimulatedReply Reply(TutorMessage message) => Reply(message, null);

    /// <param name="moveWords">The words the move is read from, when only part of the message is the help (a hint validator
    /// appends the step's question to the candidate hint, but the hint is what is being judged).</param>
    internal SimulatedReply Reply(TutorMessage message, string? moveWords)
    {
        ArgumentNullException.ThrowIfNull(message);
        _turns++;
        if (message.Closing)
        {
            return new SimulatedReply(Pick("Thanks!", "Thank you!", "Great, thanks."), Corrected, SimulatedReplyKind.Thanks);
        }
        return Behaviour switch
        {
            StudentBehaviour.AlwaysAsksForAnswer => Reply(SimulatedReplyKind.AsksForAnswer,
                Pick("Just tell me the answer.", "Can you give me the answer?", "What is the answer? I just want the answer.", "Please tell me the final answer.")),
            StudentBehaviour.PastesWrongSolution => Reply(SimulatedReplyKind.WholeSolution, WholeSolution(corrected: false)),
            StudentBehaviour.GivesOtherStepsValues => OtherValue(message.Text),
            StudentBehaviour.GuessesNumbers => Guess(),
            _ => Honest(message.Text, moveWords ?? message.Text),
        };
    }

    private SimulatedReply Honest(string text, string moveWords)
    {
        var beliefs = _knowledge.Beliefs(Corrected);
        if (_turns == 1 && !Corrected && _random.NextDouble() < _parameters.OpensWithSolutionRate)
        {
            // Many students first present their whole solution, whatever the opening question.
            Attempted = true;
            return Reply(SimulatedReplyKind.WholeSolution, WholeSolution(corrected: false));
        }
        var read = QuestionReader.Read(text, _knowledge, beliefs, _topic);
        var (ask, _) = QuestionReader.LastAsk(text);
        var repeated = ask == _lastQuestion && OnlyAcknowledges(text.Replace(ask, "", StringComparison.Ordinal));
        _lastQuestion = ask;
        var move = repeated ? TeacherMove.Generic : MoveReader.Read(moveWords);
        var misconception = _knowledge.Misconception;

        if (read.Kind == AskedKind.Arithmetic)
        {
            var value = decimal.Round(read.Arithmetic!.Value, 2);
            if (misconception is not null && !Corrected && value == _knowledge.Quantities[misconception.QuantityIndex].Value)
            {
                Corrected = true; // it worked out the right value itself
            }
            _topic = read.Quantity ?? _topic;
            return Reply(SimulatedReplyKind.Computed, Pick(Number(value), $"{read.Arithmetic.Display()} = {Number(value)}", $"It's {Number(value)}.",
                $"I get {Number(value)}."));
        }
        if (read.Kind == AskedKind.WalkThrough)
        {
            Attempted = true;
            return Reply(SimulatedReplyKind.WholeSolution, WholeSolution(Corrected));
        }
        if (read.Kind == AskedKind.Restate)
        {
            // The question in its own words, without the problem's numbers: one of them may be the answer, and saying it
            // back would be no work done.
            var question = _knowledge.ProblemQuestion;
            var wh = System.Text.RegularExpressions.Regex.Matches(question, @"\b(how|what|which|who)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            var sought = wh.Count > 0 ? question[wh[^1].Index..] : question;
            return Reply(SimulatedReplyKind.Restates, Pick($"It asks {sought}", $"We have to find {sought.TrimEnd('?')}."));
        }
        if (read.Kind == AskedKind.Unmapped || read.Quantity is not { } asked)
        {
            return Reply(SimulatedReplyKind.Generic, Pick("I'm not sure what you mean.", "Which number are you asking about?",
                "I don't know what I should work out.", "Sorry, I don't understand the question."));
        }
        var about = asked;
        if (read.Kind == AskedKind.Quantity && read.RunnerUp is { } other && _random.NextDouble() < 0.5)
        {
            about = other; // the words fit two quantities almost equally: the student answers the other one
        }
        _topic = about;

        if (misconception is not null && !Corrected && _affected.Contains(about))
        {
            var right = _knowledge.Quantities[misconception.QuantityIndex].Value;
            if (!Attempted)
            {
                // Its first answer on the quantities its misconception touches is what it believes.
                Attempted = true;
                return Believed(read, about, beliefs);
            }
            var chance = InteractiveMetrics.ContainsAnswer(text, [right]) ? _parameters.CopyRevealedRate : _parameters.FixRate(move);
            Corrected = _random.NextDouble() < chance;
            if (!Corrected)
            {
                return NotCorrected(read, about, beliefs);
            }
            beliefs = _knowledge.Beliefs(corrected: true);
        }
        var reply = Believed(read, about, beliefs);
        return about != asked && reply.Kind is SimulatedReplyKind.Correct or SimulatedReplyKind.RestatesWrongValue
            ? reply with { Kind = SimulatedReplyKind.OtherQuantity }
            : reply;
    }

    /// <summary>What the student believes about the quantity, said the way the question asks for it.</summary>
    private SimulatedReply Believed(ReadQuestion read, int index, IReadOnlyList<decimal> beliefs)
    {
        var quantity = _knowledge.Quantities[index];
        var value = beliefs[index];
        var wrong = value != quantity.Value;
        var kind = wrong ? SimulatedReplyKind.RestatesWrongValue : SimulatedReplyKind.Correct;
        var calculation = Calculation(index, beliefs);
        switch (read.Kind)
        {
            case AskedKind.Operation:
                var op = OperatorBelieved(index, beliefs);
                if (read.Operator is { } named)
                {
                    return Reply(SimulatedReplyKind.Operation, named == op
                        ? Pick($"Yes, I think we {Verb(op)}.", $"Yes, {Noun(op)}.")
                        : Pick($"No, I think we should {Verb(op)}.", $"No, it should be {Noun(op)}."));
                }
                return Reply(SimulatedReplyKind.Operation, Pick($"I think we {Verb(op)}.", $"{Capitalize(Noun(op))}?", $"We {Verb(op)} them."));
            case AskedKind.Explanation:
                return Reply(SimulatedReplyKind.Explains, calculation is null
                    ? $"The problem says so: it's {Number(value, quantity)}."
                    : Pick($"I did {calculation} = {Number(value, quantity)}.", $"I worked out {calculation}, which is {Number(value, quantity)}."));
            case AskedKind.Check:
                return Reply(kind, wrong
                    ? Pick($"Yes, I still think it is {Number(value, quantity)}.", $"I think {Number(value, quantity)} is right.")
                    : Pick($"Yes, it is {Number(value, quantity)}.", calculation is null ? $"It's {Number(value, quantity)}." : $"Yes: {calculation} = {Number(value, quantity)}."));
            default:
                var draw = _random.NextDouble();
                if (calculation is not null && draw < _parameters.WorkingRate)
                {
                    return Reply(kind, $"{calculation} = {Number(value, quantity)}");
                }
                return Reply(kind, Pick(Number(value, quantity), $"It's {Number(value, quantity)}.", $"I think it is {Number(value, quantity)}.",
                    $"I got {Number(value, quantity)}."));
        }
    }

    /// <summary>A reply on the misconception's quantities that does not correct it, in the proportions measured on MathDial.</summary>
    private SimulatedReply NotCorrected(ReadQuestion read, int index, IReadOnlyList<decimal> beliefs)
    {
        var draw = _random.NextDouble();
        if ((draw -= _parameters.DontKnowRate) < 0)
        {
            return Reply(SimulatedReplyKind.DontKnow, Pick("I don't know.", "I'm not sure.", "I'm confused, I don't know what to do."));
        }
        if ((draw -= _parameters.AsksForAnswerRate) < 0)
        {
            return Reply(SimulatedReplyKind.AsksForAnswer, Pick("Can you just tell me the answer?", "What is the right answer?"));
        }
        var quantity = _knowledge.Quantities[index];
        var calculation = Calculation(index, beliefs);
        if ((draw -= _parameters.QuestionRate) < 0)
        {
            var op = OperatorBelieved(index, beliefs);
            var operands = quantity.Calculation?.Operands.Select(StudentArithmetic.Format).ToList() ?? [];
            return Reply(SimulatedReplyKind.Question, operands.Count >= 2
                ? Pick($"Do I need to {Verb(op)} {operands[0]} and {operands[1]}?", $"Is it {Number(beliefs[index], quantity)}?",
                    "Which numbers do I use?")
                : Pick($"Is it {Number(beliefs[index], quantity)}?", "Which numbers do I use?", "What does the question mean?"));
        }
        if ((draw -= _parameters.RestateRate) < 0)
        {
            return Believed(read, index, beliefs);
        }
        if ((draw -= _parameters.WorkingRate) < 0 && calculation is not null)
        {
            return Reply(SimulatedReplyKind.PartialReasoning, Pick($"I think it's {calculation}.", $"I did {calculation}, but I'm not sure."));
        }
        return Reply(SimulatedReplyKind.PartialReasoning, Pick("I used the numbers from the problem, but I'm not sure how they go together.",
            "I think I have to combine the numbers in the question somehow.", "Hmm, I have to look at what the question asks first."));
    }

    /// <summary>The student's calculation for a quantity, with its own earlier values in it (its wrong one where it went wrong).</summary>
    private string? Calculation(int index, IReadOnlyList<decimal> beliefs)
    {
        var quantity = _knowledge.Quantities[index];
        if (_knowledge.Misconception is { } m && m.QuantityIndex == index && beliefs[index] == m.WrongValue)
        {
            return m.WrongCalculation?.Display();
        }
        if (quantity.Calculation is null)
        {
            return null;
        }
        var operand = 0;
        var tokens = quantity.Calculation.Tokens.Select(t =>
        {
            if (t is not NumberToken)
            {
                return t;
            }
            var use = quantity.Uses.Count > operand ? quantity.Uses[operand] : null;
            operand++;
            return use is null ? t : new NumberToken(beliefs[use.Value]);
        }).ToList();
        return new WrittenCalculation(tokens, beliefs[index], null).Display();
    }

    private char OperatorBelieved(int index, IReadOnlyList<decimal> beliefs)
    {
        if (_knowledge.Misconception is { } m && m.QuantityIndex == index && beliefs[index] == m.WrongValue)
        {
            if (m.WrongCalculation is { Operators.Count: > 0 } wrong)
            {
                return wrong.Operators[0];
            }
            var right = _knowledge.Quantities[index].Calculation?.Operators.FirstOrDefault() ?? '+';
            return right switch { '+' => '-', '-' => '+', '*' => '/', _ => '*' };
        }
        return _knowledge.Quantities[index].Calculation?.Operators.FirstOrDefault() ?? '+';
    }

    /// <summary>Every quantity as the student works it, then its answer: its own MathDial solution while it holds its misconception.</summary>
    private string WholeSolution(bool corrected)
    {
        var beliefs = _knowledge.Beliefs(corrected);
        var answer = Number(beliefs[^1], _knowledge.Final);
        if (!corrected && _knowledge.OwnSolution is { Length: > 0 } own)
        {
            return $"{own} So the answer is {answer}.";
        }
        var lines = _knowledge.Quantities.Take(_knowledge.Quantities.Count - 1)
            .Select(q => Calculation(q.Index, beliefs) is { } c ? $"{c} = {Number(beliefs[q.Index], q)}." : null)
            .Where(l => l is not null);
        return $"{string.Join(" ", lines)} So the answer is {answer}.".Trim();
    }

    /// <summary>Adversarial: another quantity's value than the one asked, never the final answer's.</summary>
    private SimulatedReply OtherValue(string text)
    {
        var final = _knowledge.Final.Value;
        var asked = QuestionReader.Read(text, _knowledge, _knowledge.Beliefs(true), _topic).Quantity;
        var pool = _knowledge.Quantities.Where(q => q.Index != asked && q.Value != final).Select(q => q.Value)
            .Concat(_knowledge.GivenNumbers.Where(n => n != final)).Distinct().ToList();
        if (pool.Count == 0)
        {
            return Guess();
        }
        var value = pool[_otherCursor++ % pool.Count];
        return Reply(SimulatedReplyKind.OtherQuantity, Pick(StudentArithmetic.Format(value), $"It's {StudentArithmetic.Format(value)}.",
            $"I think {StudentArithmetic.Format(value)}."));
    }

    /// <summary>Adversarial: a whole number of the answer's size, never the answer.</summary>
    private SimulatedReply Guess()
    {
        var final = _knowledge.Final.Value;
        var top = (int)Math.Min(100_000, Math.Max(10, Math.Abs(final) * 2));
        int guess;
        do
        {
            guess = _random.Next(1, top + 1);
        }
        while (guess == final);
        return Reply(SimulatedReplyKind.Guess, Pick($"{guess}", $"Is it {guess}?", $"Maybe {guess}?", $"{guess}!"));
    }

    private SimulatedReply Reply(SimulatedReplyKind kind, string text) => new(text, Corrected, kind);

    /// <summary>The number as students write it: plain digits mostly, sometimes with thousands commas or a dollar sign.</summary>
    private string Number(decimal value, Quantity? quantity = null)
    {
        var plain = StudentArithmetic.Format(value);
        var dollars = quantity?.Sentence.Contains('$', StringComparison.Ordinal) == true;
        var draw = _random.NextDouble();
        if (dollars && draw < 0.5)
        {
            return "$" + (Math.Abs(value) >= 1000 ? value.ToString("#,0.##", CultureInfo.InvariantCulture) : plain);
        }
        if (Math.Abs(value) >= 1000 && draw < 0.3)
        {
            return value.ToString("#,0.##########", CultureInfo.InvariantCulture);
        }
        return plain;
    }

    private string Pick(params string[] choices) => choices[_random.Next(choices.Length)];

    private static string Verb(char op) => op switch { '+' => "add", '-' => "subtract", '*' => "multiply", _ => "divide" };

    private static string Noun(char op) => op switch { '+' => "addition", '-' => "subtraction", '*' => "multiplication", _ => "division" };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>What surrounds a repeated question adds nothing: a short acknowledgement without a number ("Not quite.",
    /// "Let's look at that again."); a hint sentence is new help.</summary>
    private static bool OnlyAcknowledges(string rest) =>
        !rest.Any(char.IsDigit) && rest.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length <= 5;
}
