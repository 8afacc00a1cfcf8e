using System.CommandLine;
using System.Text.Json;
using TutorApp.Data.Hosting;
using TutorApp.Tutoring;
using TutorApp.Tutoring.Judging;

namespace TutorApp.Cli.Commands;

/// <summary>
/// <c>tutor evaluate judgement</c>: the labelled judgement set through the offline tutor, one row per kind of message:
/// false affirmations, false credits, right answers accepted. The unit tests assert the same set.
/// </summary>
internal static class JudgementCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "The shared data folder (default: $TUTOR_DATA_DIR, else ../shared/data)." };
        var output = new Option<FileInfo?>("--out") { Description = "Also write every labelled message with the tutor's reply (JSON Lines)." };
        var failures = new Option<int>("--show-failures") { Description = "Print up to N failing messages.", DefaultValueFactory = _ => 10 };
        var command = new Command("judgement", "Score the tutor's judgement on the labelled set built from MathDial dev and GSM8K.") { data, output, failures };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var configured = Environment.GetEnvironmentVariable("TUTOR_DATA_DIR");
            var folder = parseResult.GetValue(data)?.FullName
                ?? (string.IsNullOrEmpty(configured) ? Path.Combine(ContentRoot.Find(), "..", "shared", "data") : configured);
            var mathDial = Path.Combine(folder, "mathdial", "dev.jsonl");
            var gsm8k = Path.Combine(folder, "gsm8k", "test.jsonl");
            foreach (var missing in new[] { mathDial, gsm8k }.Where(f => !File.Exists(f)))
            {
                Console.Error.WriteLine($"error: {missing} is missing: pass --data or set TUTOR_DATA_DIR");
                return 2;
            }
            var problems = JudgementSet.FromMathDial(mathDial).Concat(JudgementSet.FromGsm8k(gsm8k, JudgementSet.Gsm8kProblems)).ToList();
            var versions = problems.ToDictionary(p => p.Key, p => p.Version);
            var engine = new SocraticEngine();
            var outcomes = JudgementSet.Build(problems).Select(c => JudgementScorer.Score(engine, versions[c.ProblemKey], c)).ToList();
            Console.WriteLine($"{outcomes.Count} labelled messages over {outcomes.Select(o => o.Case.ProblemKey).Distinct().Count()} problems");
            Console.WriteLine($"{"category",-24} {"messages",8} {"problems",8} {"false affirm.",13} {"false credits",13} {"right accepted",16}");
            foreach (var row in JudgementScorer.Tally(outcomes))
            {
                var accepted = row.MustAccept == 0 ? "-" : $"{row.Accepted}/{row.MustAccept} {row.AcceptedRate:P1}";
                Console.WriteLine($"{row.Category,-24} {row.Messages,8} {row.Problems,8} {row.FalseAffirmations,13} {row.FalseCredits,13} {accepted,16}");
            }
            foreach (var failure in outcomes.Where(o => o.FalseAffirmation || o.FalseCredit || !o.Accepted).Take(parseResult.GetValue(failures)))
            {
                Console.WriteLine($"- {failure.Case.Category} {failure.Case.ProblemKey} step {failure.Case.AskedStep}: \"{failure.Case.Message}\" -> \"{failure.Reply}\"");
            }
            if (parseResult.GetValue(output) is { } file)
            {
                await File.WriteAllLinesAsync(file.FullName, outcomes.Select(o => JsonSerializer.Serialize(new
                {
                    o.Case.ProblemKey, o.Case.AskedStep, Category = o.Case.Category.ToString(), o.Case.Form, o.Case.Message, o.Case.MustCredit,
                    o.Case.MayCredit, o.Case.MayAffirm, o.Case.MayClose, o.Reply, o.Affirmed, o.Closed, o.Credited,
                })), cancellationToken);
                Console.WriteLine($"Wrote {file.FullName}.");
            }
            return outcomes.Any(o => o.FalseAffirmation || o.FalseCredit) ? 1 : 0;
        });
        return command;
    }
}
