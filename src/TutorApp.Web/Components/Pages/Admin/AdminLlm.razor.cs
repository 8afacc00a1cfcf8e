using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using TutorApp.Data;
using TutorApp.Domain.Llm;
using TutorApp.Llm;

namespace TutorApp.Web.Components.Pages.Admin;

/// <summary>The LLM tutor's configuration (never the key), a connection test, and the latest calls from the call log.</summary>
public partial class AdminLlm
{
    private const int RecentCalls = 50;
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(15);

    private List<LlmCall>? _calls;
    private List<(string Role, LlmReply Reply)> _results = [];
    private bool _testing;

    [Inject]
    private LlmModels Models { get; set; } = default!;

    [Inject]
    private ILlmCallLog CallLog { get; set; } = default!;

    [Inject]
    private IDbContextFactory<TutorDbContext> Contexts { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private LlmOptions Settings => Models.Settings;

    private string SimulatorDescription => Settings.Simulator.Kind switch
    {
        SimulatorKind.Llm => $"{Models.Simulator?.Model} at {(string.IsNullOrWhiteSpace(Settings.Simulator.Endpoint) ? Settings.Endpoint : Settings.Simulator.Endpoint)}, "
            + $"{Settings.Simulator.Samples} samples with and without the hint",
        SimulatorKind.Offline => $"the offline simulated student calibrated on MathDial, {Settings.Simulator.Samples} samples with and without the hint",
        _ => "none: LLM hints are never shown",
    };

    protected override Task OnInitializedAsync() => LoadCallsAsync();

    private async Task LoadCallsAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        _calls = await db.LlmCalls.AsNoTracking().OrderByDescending(c => c.Id).Take(RecentCalls).ToListAsync();
    }

    private async Task TestAsync()
    {
        _testing = true;
        try
        {
            var results = new List<(string, LlmReply)>();
            foreach (var (role, chat) in new[] { ("Tutor", Models.Tutor), ("Student simulator", Models.Simulator) })
            {
                if (chat is null)
                {
                    continue;
                }
                var reply = await chat.TestAsync(TestTimeout, CancellationToken.None);
                CallLog.Record(reply.ToRecord(Clock.GetUtcNow(), "test", null, reply.Succeeded ? "ok" : "failed", reply.Failure));
                results.Add((role, reply));
            }
            _results = results;
            await LoadCallsAsync();
        }
        finally
        {
            _testing = false;
        }
    }
}
