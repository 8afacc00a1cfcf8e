using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using TutorApp.Data;
using TutorApp.Domain.Llm;
using TutorApp.Llm;
using TutorApp.Tutoring;

namespace TutorApp.Web.Llm;

/// <summary>
/// The LLM call log: each call is logged at once and queued; a background loop writes the queue to llm_calls in
/// batches, on its own connection. The tutoring turn never waits for the log, and a rolled-back turn keeps its calls
/// on record. Calls still queued when the app stops are written before it exits.
/// </summary>
public sealed class LlmCallLogWriter(IDbContextFactory<TutorDbContext> contexts, LlmMetrics metrics, ILogger<LlmCallLogWriter> logger)
    : BackgroundService, ILlmCallLog
{
    private const int BatchSize = 200;

    private readonly Channel<LlmCallRecord> _queue = Channel.CreateBounded<LlmCallRecord>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Record(LlmCallRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        // Every model call lands here, so this is the one place that also counts them for /metrics.
        metrics.RecordCall(call.Purpose, call.Outcome, TimeSpan.FromMilliseconds(call.LatencyMs));
        metrics.RecordTokens(call.Purpose, call.InputTokens ?? 0, call.OutputTokens ?? 0);
        logger.LogInformation("LLM call {Purpose} {Model} session {SessionId}: {Outcome} in {LatencyMs} ms, tokens {InputTokens}+{OutputTokens}; {Detail}",
            call.Purpose, call.Model, call.SessionId, call.Outcome, call.LatencyMs, call.InputTokens, call.OutputTokens, call.Detail);
        if (!_queue.Writer.TryWrite(call))
        {
            logger.LogWarning("The LLM call log queue is full; a call was logged but not stored");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteQueuedAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await WriteQueuedAsync(CancellationToken.None);
        }
    }

    private async Task WriteQueuedAsync(CancellationToken cancellationToken)
    {
        while (_queue.Reader.TryPeek(out _))
        {
            var batch = new List<LlmCallRecord>(BatchSize);
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var call))
            {
                batch.Add(call);
            }
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                db.LlmCalls.AddRange(batch.Select(ToRow));
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
            {
                // The log must never take the tutor down; the calls are in the application log already.
                logger.LogWarning(exception, "Could not store {Count} LLM call log rows", batch.Count);
            }
        }
    }

    private static LlmCall ToRow(LlmCallRecord call) => new()
    {
        At = call.At,
        Purpose = Truncate(call.Purpose, 20),
        Model = Truncate(call.Model, 200),
        SessionId = call.SessionId,
        LatencyMs = call.LatencyMs,
        InputTokens = call.InputTokens,
        OutputTokens = call.OutputTokens,
        Outcome = Truncate(call.Outcome, 20),
        Detail = call.Detail is null ? null : Truncate(call.Detail, 1000),
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
