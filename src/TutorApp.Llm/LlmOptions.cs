using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TutorApp.Llm;

/// <summary>
/// The optional LLM tutor ("Llm" section). Without <see cref="Endpoint"/> nothing calls a model: the offline realizer
/// words every turn. Any OpenAI-compatible chat-completions endpoint works (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM,
/// llama.cpp's server). The key comes from the environment (<c>Llm__ApiKey</c>) or user secrets, never appsettings.json.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";

    /// <summary>Base address of the API, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama).</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>Secret; never shown or logged. Local servers usually accept any value.</summary>
    public string? ApiKey { get; set; }

    /// <summary>One HTTP attempt is abandoned after this long (then retried while the turn budget lasts).</summary>
    [Range(0.1, 600)]
    public double RequestTimeoutSeconds { get; set; } = 2.5;

    /// <summary>Everything the LLM does for one student turn (wording, validation, retries) must fit in this; after it the
    /// turn is worded offline.</summary>
    [Range(0.1, 600)]
    public double TurnBudgetSeconds { get; set; } = 3;

    /// <summary>Retries after a failed HTTP attempt (error status, timeout, broken connection), with exponential back-off.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 1;

    [Range(0.01, 10)]
    public double RetryBaseDelaySeconds { get; set; } = 0.1;

    [Range(16, 8192)]
    public int MaxOutputTokens { get; set; } = 300;

    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.4;

    /// <summary>Candidate wordings tried for one turn when the earlier ones fail the guard or the simulator.</summary>
    [Range(1, 3)]
    public int MaxAttemptsPerTurn { get; set; } = 3;

    /// <summary>Recent dialogue lines given to the model as context.</summary>
    [Range(0, 50)]
    public int DialogueLines { get; set; } = 8;

    [ValidateObjectMembers]
    public CircuitBreakerSettings CircuitBreaker { get; set; } = new();

    [ValidateObjectMembers]
    public SimulatorSettings Simulator { get; set; } = new();

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    public TimeSpan TurnBudget => TimeSpan.FromSeconds(TurnBudgetSeconds);
}

/// <summary>After many failures in a short time the model is not called at all for a while (every turn is offline).</summary>
public sealed class CircuitBreakerSettings
{
    /// <summary>Share of failed calls within <see cref="SamplingSeconds"/> that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    [Range(2, 1000)]
    public int MinimumThroughput { get; set; } = 4;

    [Range(0.5, 3600)]
    public double SamplingSeconds { get; set; } = 30;

    [Range(0.5, 3600)]
    public double BreakSeconds { get; set; } = 30;
}

/// <summary>
/// Who plays the student when a hint is validated. For <see cref="SimulatorKind.Llm"/>, endpoint, model and key default to
/// the tutor's; a smaller, cheaper model is usual.
/// </summary>
public sealed class SimulatorSettings
{
    public SimulatorKind Kind { get; set; } = SimulatorKind.Llm;

    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Attempts with the hint and as many without it (N in the validation rule).</summary>
    [Range(1, 20)]
    public int Samples { get; set; } = 3;

    /// <summary>Varied attempts make the N samples worth having.</summary>
    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.9;

    [Range(16, 8192)]
    public int MaxOutputTokens { get; set; } = 150;
}

public enum SimulatorKind
{
    /// <summary>A model plays the student (Endpoint/Model/ApiKey below, else the tutor's).</summary>
    Llm,
    /// <summary>The offline simulated student calibrated on MathDial: no second model is called.</summary>
    Offline,
    /// <summary>No validation: hint, teaching and remediation turns keep their authored words.</summary>
    None,
}

/// <summary>Checks that data annotations cannot express: a usable endpoint and a model when one is configured.</summary>
public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        CheckEndpoint("Llm:Endpoint", options.Endpoint, failures);
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add("Llm:Model is required when Llm:Endpoint is set (e.g. gpt-4o-mini, llama3.1:8b).");
        }
        if (options.Simulator.Endpoint is { Length: > 0 } simulatorEndpoint)
        {
            CheckEndpoint("Llm:Simulator:Endpoint", simulatorEndpoint, failures);
        }
        if (options.TurnBudgetSeconds < options.RetryBaseDelaySeconds)
        {
            failures.Add("Llm:TurnBudgetSeconds must be longer than Llm:RetryBaseDelaySeconds.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckEndpoint(string key, string? value, List<string> failures)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{key} must be an absolute http(s) address such as https://api.openai.com/v1; it is \"{value}\".");
        }
    }
}
