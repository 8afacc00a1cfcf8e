using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TutorApp.Tutoring.Realization;
using TutorApp.Tutoring.Simulation;
using TutorApp.Tutoring.Validation;

namespace TutorApp.Llm;

/// <summary>
/// The configured models and what is built on them; every member is null when <c>Llm:Endpoint</c> is not set, and then
/// nothing calls a model. The simulator model defaults to the tutor's endpoint, model and key; with the offline simulated
/// student there is a validator but no simulator model.
/// </summary>
public sealed class LlmModels
{
    public LlmModels(IOptions<LlmOptions> options, ILlmCallLog log, TimeProvider clock, ILoggerFactory loggers)
    {
        Settings = options.Value;
        if (!Settings.IsConfigured)
        {
            return;
        }
        var requestTimeout = TimeSpan.FromSeconds(Settings.RequestTimeoutSeconds);
        Tutor = new LlmChat(Client(Settings.Endpoint!, Settings.Model!, Settings.ApiKey, requestTimeout), Settings.Model!,
            new ChatOptions { Temperature = (float)Settings.Temperature, MaxOutputTokens = Settings.MaxOutputTokens }, Settings);
        var simulator = Settings.Simulator;
        if (simulator.Kind == SimulatorKind.Llm)
        {
            var model = string.IsNullOrWhiteSpace(simulator.Model) ? Settings.Model! : simulator.Model;
            var client = Client(string.IsNullOrWhiteSpace(simulator.Endpoint) ? Settings.Endpoint! : simulator.Endpoint, model,
                string.IsNullOrWhiteSpace(simulator.ApiKey) ? Settings.ApiKey : simulator.ApiKey, requestTimeout);
            Simulator = new LlmChat(client, model,
                new ChatOptions { Temperature = (float)simulator.Temperature, MaxOutputTokens = simulator.MaxOutputTokens }, Settings);
            Validator = new HintValidator(new LlmStudentSimulator(Simulator, log, clock), simulator.Samples);
        }
        else if (simulator.Kind == SimulatorKind.Offline)
        {
            Validator = new HintValidator(new OfflineStudentSimulator(new StudentSimulator(SimulatorParameters.MathDialDev)), simulator.Samples);
        }
        Realizer = new LlmTurnRealizer(Tutor, Validator, options, log, clock, loggers.CreateLogger<LlmTurnRealizer>());
        Suggester = new QuestionSuggester(Tutor, Validator, log, clock);
    }

    public LlmOptions Settings { get; }

    public LlmChat? Tutor { get; }

    public LlmChat? Simulator { get; }

    public HintValidator? Validator { get; }

    public LlmTurnRealizer? Realizer { get; }

    public QuestionSuggester? Suggester { get; }

    // The SDK's own network timeout is a backstop well past the pipeline's per-attempt timeout, which is the one that acts.
    private static OpenAIChatClient Client(string endpoint, string model, string? apiKey, TimeSpan requestTimeout) =>
        new(new Uri(endpoint), model, apiKey, requestTimeout * 2 + TimeSpan.FromSeconds(5));
}

public static class LlmExtensions
{
    /// <summary>
    /// Registers the LLM tutor: <see cref="ITurnRealizer"/> is the LLM realizer when <c>Llm:Endpoint</c> is set and the
    /// offline one otherwise. The host must register an <see cref="ILlmCallLog"/>.
    /// </summary>
    public static IHostApplicationBuilder AddLlmTutor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LlmModels>();
        builder.Services.AddSingleton<ITurnRealizer>(services =>
            services.GetRequiredService<LlmModels>().Realizer as ITurnRealizer ?? new OfflineTurnRealizer());
        return builder;
    }
}
