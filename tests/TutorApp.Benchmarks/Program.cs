using BenchmarkDotNet.Running;
using TutorApp.Benchmarks;

// "turns": server-side time of whole tutoring turns on the real database; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "turns")
{
    var count = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 10_000;
    await TurnLatency.RunAsync(count);
    return;
}
// "llm-turns": what the LLM path adds to a turn against the scripted server, and the fallback time when it hangs.
if (args.Length > 0 && args[0] == "llm-turns")
{
    var count = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 1_000;
    var hanging = args.Length > 2 && int.TryParse(args[2], out var h) ? h : 10;
    await LlmTurnLatency.RunAsync(count, hanging);
    return;
}
// "dashboard": server-side time of the class heatmap and the student detail on the configured (seeded) database.
if (args.Length > 0 && args[0] == "dashboard")
{
    await DashboardLatency.RunAsync(args.Length > 1 && int.TryParse(args[1], out var calls) ? calls : 200);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
