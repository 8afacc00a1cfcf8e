using System.ClientModel;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace TutorApp.Llm;

/// <summary>A model's reply, or why there is none, with what the call cost.</summary>
public sealed record LlmReply(string? Text, string? Failure, TimeSpan Latency, int? InputTokens, int? OutputTokens, string Model)
{
    public bool Succeeded => Failure is null;

    public LlmCallRecord ToRecord(DateTimeOffset at, string purpose, long? sessionId, string outcome, string? detail = null) =>
        new(at, purpose, Model, sessionId, (int)Math.Round(Latency.TotalMilliseconds), InputTokens, OutputTokens, outcome, detail);
}

/// <summary>
/// One configured model behind its resilience pipeline: a timeout per attempt, retries with exponential back-off for
/// transient failures, and a circuit breaker that stops calling a model that keeps failing. Never throws: a failure is a
/// reply with <see cref="LlmReply.Failure"/> set, so every caller has one path to its fallback.
/// </summary>
public sealed class LlmChat
{
    private readonly IChatClient _client;
    private readonly ResiliencePipeline _pipeline;
    private readonly ChatOptions _options;

    public LlmChat(IChatClient client, string model, ChatOptions options, LlmOptions settings)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        _client = client;
        _options = options;
        Model = model;
        _pipeline = BuildPipeline(settings);
    }

    public string Model { get; }

    /// <param name="instructions">The system message: fixed instructions, never student text.</param>
    /// <param name="data">The user message: the turn's data as JSON, student text inside it as string values.</param>
    public async Task<LlmReply> CompleteAsync(string instructions, string data, bool json, CancellationToken cancellationToken)
    {
        var options = _options.Clone();
        options.Instructions = instructions;
        options.ResponseFormat = json ? ChatResponseFormat.Json : ChatResponseFormat.Text;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var response = await _pipeline.ExecuteAsync(
                async token => await _client.GetResponseAsync([new ChatMessage(ChatRole.User, data)], options, token),
                cancellationToken);
            return new LlmReply(response.Text, null, stopwatch.Elapsed, ToInt(response.Usage?.InputTokenCount),
                ToInt(response.Usage?.OutputTokenCount), response.ModelId ?? Model);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return new LlmReply(null, Describe(exception, cancellationToken), stopwatch.Elapsed, null, null, Model);
        }
    }

    /// <summary>One plain call past the retries and the circuit breaker, for the admin's "test connection".</summary>
    public async Task<LlmReply> TestAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var options = _options.Clone();
        options.Instructions = "You are a connection test. Reply with the single word OK.";
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var response = await _client.GetResponseAsync([new ChatMessage(ChatRole.User, "Connection test")], options, limit.Token);
            return new LlmReply(response.Text, null, stopwatch.Elapsed, ToInt(response.Usage?.InputTokenCount),
                ToInt(response.Usage?.OutputTokenCount), response.ModelId ?? Model);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var failure = limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                ? $"no reply within {timeout.TotalSeconds:0.#} s"
                : Describe(exception, cancellationToken);
            return new LlmReply(null, failure, stopwatch.Elapsed, null, null, Model);
        }
    }

    private static ResiliencePipeline BuildPipeline(LlmOptions settings)
    {
        var builder = new ResiliencePipelineBuilder();
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(settings.RetryBaseDelaySeconds),
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            });
        }
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = settings.CircuitBreaker.FailureRatio,
            MinimumThroughput = settings.CircuitBreaker.MinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(settings.CircuitBreaker.SamplingSeconds),
            BreakDuration = TimeSpan.FromSeconds(settings.CircuitBreaker.BreakSeconds),
            // The caller giving up (its turn budget spent) says nothing about the model's health.
            ShouldHandle = new PredicateBuilder().Handle<Exception>(exception => exception is not OperationCanceledException),
        });
        builder.AddTimeout(TimeSpan.FromSeconds(settings.RequestTimeoutSeconds));
        return builder.Build();
    }

    // Worth another attempt: the request timed out, the connection broke, or the server was overloaded or failed.
    // Not: a bad key or request (4xx), which will fail the same way again.
    private static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutRejectedException or HttpRequestException or IOException => true,
        ClientResultException result => result.Status is 0 or 408 or 429 or >= 500,
        _ => false,
    };

    private static string Describe(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => "cancelled: the turn's time budget was spent",
        TimeoutRejectedException timeout => $"timeout: no reply within {timeout.Timeout.TotalSeconds:0.##} s",
        BrokenCircuitException => "circuit open: the model failed repeatedly and is rested",
        ClientResultException { Status: > 0 } result => $"HTTP {result.Status}",
        _ => $"{exception.GetType().Name}: {FirstLine(exception.Message)}",
    };

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 200 ? line : line[..200];
    }

    private static int? ToInt(long? count) => count is { } value ? (int)Math.Min(value, int.MaxValue) : null;
}
