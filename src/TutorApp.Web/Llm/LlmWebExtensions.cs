using TutorApp.Llm;

namespace TutorApp.Web.Llm;

public static class LlmWebExtensions
{
    /// <summary>The optional LLM tutor (see <see cref="LlmOptions"/>) with its call log in the database.</summary>
    public static WebApplicationBuilder AddLlm(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LlmCallLogWriter>();
        builder.Services.AddSingleton<ILlmCallLog>(services => services.GetRequiredService<LlmCallLogWriter>());
        builder.Services.AddHostedService(services => services.GetRequiredService<LlmCallLogWriter>());
        builder.AddLlmTutor();
        return builder;
    }
}
