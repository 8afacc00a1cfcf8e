using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

namespace TutorApp.Llm;

/// <summary>
/// <see cref="IChatClient"/> over the OpenAI .NET SDK's chat-completions client, for any OpenAI-compatible endpoint.
/// (Microsoft.Extensions.AI.OpenAI, which provides this adapter, is not on the package feed.) Text in, text out: the
/// tutor needs no tools or images. The SDK's own retries are off: resilience is the caller's Polly pipeline, so that a
/// turn's time budget covers every attempt.
/// </summary>
public sealed class OpenAIChatClient : IChatClient
{
    private readonly ChatClient _client;
    private readonly ChatClientMetadata _metadata;

    public OpenAIChatClient(Uri endpoint, string model, string? apiKey, TimeSpan networkTimeout)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = networkTimeout,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            UserAgentApplicationId = "TutorApp",
        };
        // Local servers (Ollama, llama.cpp, vLLM) ignore the key, but the SDK requires one.
        _client = new ChatClient(model, new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "none" : apiKey), options);
        _metadata = new ChatClientMetadata("openai-compatible", endpoint, model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var completion = (await _client.CompleteChatAsync(ToOpenAI(messages, options), ToOpenAI(options), cancellationToken)).Value;
        var text = string.Concat(completion.Content.Where(part => part.Kind == ChatMessageContentPartKind.Text).Select(part => part.Text));
        return new ChatResponse(new AiChatMessage(AiChatRole.Assistant, text))
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = completion.FinishReason switch
            {
                OpenAI.Chat.ChatFinishReason.Stop => Microsoft.Extensions.AI.ChatFinishReason.Stop,
                OpenAI.Chat.ChatFinishReason.Length => Microsoft.Extensions.AI.ChatFinishReason.Length,
                OpenAI.Chat.ChatFinishReason.ContentFilter => Microsoft.Extensions.AI.ChatFinishReason.ContentFilter,
                OpenAI.Chat.ChatFinishReason.ToolCalls or OpenAI.Chat.ChatFinishReason.FunctionCall => Microsoft.Extensions.AI.ChatFinishReason.ToolCalls,
                _ => null,
            },
            Usage = completion.Usage is { } usage
                ? new UsageDetails
                {
                    InputTokenCount = usage.InputTokenCount,
                    OutputTokenCount = usage.OutputTokenCount,
                    TotalTokenCount = usage.TotalTokenCount,
                }
                : null,
            RawRepresentation = completion,
        };
    }

    /// <summary>Not streamed: the tutor checks a whole reply before anyone sees it. Yields the complete response as one update.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }
        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }
        return serviceType.IsInstanceOfType(this) ? this : serviceType.IsInstanceOfType(_client) ? _client : null;
    }

    public void Dispose()
    {
        // The SDK client holds no disposable resources of its own (its pipeline shares one HttpClient).
    }

    private static List<OpenAIChatMessage> ToOpenAI(IEnumerable<AiChatMessage> messages, ChatOptions? options)
    {
        var converted = new List<OpenAIChatMessage>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            converted.Add(new SystemChatMessage(options.Instructions));
        }
        foreach (var message in messages)
        {
            if (message.Role == AiChatRole.System)
            {
                converted.Add(new SystemChatMessage(message.Text));
            }
            else if (message.Role == AiChatRole.Assistant)
            {
                converted.Add(new AssistantChatMessage(message.Text));
            }
            else if (message.Role == AiChatRole.User)
            {
                converted.Add(new UserChatMessage(message.Text));
            }
            else
            {
                throw new NotSupportedException($"The chat role \"{message.Role}\" is not supported by this client (text chat only).");
            }
        }
        return converted;
    }

    private static ChatCompletionOptions ToOpenAI(ChatOptions? options)
    {
        var converted = new ChatCompletionOptions();
        if (options is null)
        {
            return converted;
        }
        converted.Temperature = options.Temperature;
        converted.MaxOutputTokenCount = options.MaxOutputTokens;
        converted.TopP = options.TopP;
        if (options.StopSequences is { } stops)
        {
            foreach (var stop in stops)
            {
                converted.StopSequences.Add(stop);
            }
        }
        if (options.ResponseFormat is ChatResponseFormatJson)
        {
            // JSON mode rather than a JSON schema: Ollama, vLLM and llama.cpp all accept it; the caller checks the shape.
            converted.ResponseFormat = OpenAI.Chat.ChatResponseFormat.CreateJsonObjectFormat();
        }
        return converted;
    }
}
