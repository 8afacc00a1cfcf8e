using System.Globalization;

namespace TutorApp.Cli.LoadTesting;

/// <summary>
/// A deliberately simple student for generating load (not a model of learning): it works through the steps in order,
/// mostly giving the step's value in a sentence, sometimes a wrong value, "I don't know", a hint request or small
/// talk, so that every kind of turn (right, wrong, help, off-topic) reaches the server. It sees only what the API
/// returns: how many steps are resolved and whether the session is finished.
/// </summary>
internal sealed class LoadStudent(ProblemAnswers problem, Random random)
{
    private int _lastResolved = -1;
    private int _triesWithoutProgress;

    public string NextMessage(int resolvedSteps)
    {
        if (resolvedSteps != _lastResolved)
        {
            _lastResolved = resolvedSteps;
            _triesWithoutProgress = 0;
        }
        var roll = random.NextDouble();
        if (roll < 0.06)
        {
            return Pick("I don't know", "I'm not sure what to do here", "no idea, sorry");
        }
        if (roll < 0.12)
        {
            return Pick("can I have a hint?", "can you help me?", "what should I do first?");
        }
        if (roll < 0.15)
        {
            return Pick("hello", "ok", "this is hard");
        }
        var value = CurrentValue(resolvedSteps);
        if (roll < 0.35)
        {
            return $"I think it is {Wrong(value)}";
        }
        _triesWithoutProgress++;
        return Pick($"I think it is {value}", $"so that makes {value}", $"{value}", $"the answer is {value}");
    }

    // The tutor may resolve steps in dependency order rather than listed order: when a right value makes no progress,
    // the student moves on to the next step's value.
    private string CurrentValue(int resolvedSteps)
    {
        if (problem.StepValues.Count == 0 || resolvedSteps >= problem.StepValues.Count)
        {
            return problem.FinalAnswer;
        }
        var index = (resolvedSteps + _triesWithoutProgress / 2) % (problem.StepValues.Count + 1);
        return index == problem.StepValues.Count ? problem.FinalAnswer : problem.StepValues[index];
    }

    private string Wrong(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            ? (number + random.Next(1, 10)).ToString(CultureInfo.InvariantCulture)
            : random.Next(2, 50).ToString(CultureInfo.InvariantCulture);

    private string Pick(params string[] options) => options[random.Next(options.Length)];
}
