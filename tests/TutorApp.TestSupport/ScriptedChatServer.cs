using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TutorApp.TestSupport;

/// <summary>One chat-completions request as the scripted server received it.</summary>
/// <param name="System">The system message (the instructions).</param>
/// <param name="User">The last user message (the turn's data as JSON).</param>
public sealed record ScriptedRequest(string Model, string System, string User, bool JsonMode)
{
    /// <summary>The request comes from the student simulator (its instructions say it plays a student).</summary>
    public bool IsSimulator => System.Contains("You play a school student", StringComparison.Ordinal);

    /// <summary>A simulator request that carries a candidate hint.</summary>
    public bool HasHint => IsSimulator && Data.TryGetProperty("tutor_hint", out var hint) && hint.ValueKind == JsonValueKind.String;

    public JsonElement Data
    {
        get
        {
            try
            {
                using var document = JsonDocument.Parse(User);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return default;
            }
        }
    }

    /// <summary>A string field of the data ("student_message", "tutor_hint", ...); empty when absent.</summary>
    public string Field(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? ""
            : "";

    /// <summary>The planned move the tutor was asked to carry out.</summary>
    public string PlannedMove =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty("plan", out var plan) && plan.TryGetProperty("move", out var move)
            ? move.GetString() ?? ""
            : "";
}

/// <summary>What the scripted server does with a request.</summary>
public abstract record ScriptedResponse
{
    /// <summary>A normal completion whose message content is <paramref name="Content"/>.</summary>
    public sealed record Reply(string Content) : ScriptedResponse;

    /// <summary>A tutor reply in the JSON shape the realizer asks for.</summary>
    public static Reply Turn(string move, string text) => new(JsonSerializer.Serialize(new { move, text }));

    /// <summary>An HTTP error with a JSON error body.</summary>
    public sealed record Status(int Code) : ScriptedResponse;

    /// <summary>A 200 whose body is not a chat completion at all.</summary>
    public sealed record RawBody(string Body) : ScriptedResponse;

    /// <summary>Never answers: holds the request until the client gives up.</summary>
    public sealed record Hang : ScriptedResponse;
}

/// <summary>
/// An OpenAI-compatible chat-completions server on loopback (real Kestrel, real HTTP) serving scripted responses, for
/// the LLM tests and benchmarks. POST {Endpoint}/chat/completions; the script sees each request and decides.
/// </summary>
public sealed class ScriptedChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedRequest> _requests = new();
    private int _abandoned;

    private ScriptedChatServer(WebApplication app) => _app = app;

    /// <summary>The base address to configure as Llm:Endpoint, e.g. http://127.0.0.1:41234/v1.</summary>
    public Uri Endpoint { get; private set; } = default!;

    /// <summary>Replaced by tests between scenarios; called concurrently.</summary>
    public Func<ScriptedRequest, ScriptedResponse> Script { get; set; } = _ => new ScriptedResponse.Status(503);

    public IReadOnlyCollection<ScriptedRequest> Requests => _requests;

    /// <summary>Hanging requests the client gave up on (it closed the connection).</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    public static async Task<ScriptedChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedChatServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    public void Clear() => _requests.Clear();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var root = body.RootElement;
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        string Content(string role) => messages.LastOrDefault(m => m.GetProperty("role").GetString() == role) is { ValueKind: JsonValueKind.Object } m
            ? m.GetProperty("content").ValueKind == JsonValueKind.String ? m.GetProperty("content").GetString() ?? "" : m.GetProperty("content").ToString()
            : "";
        var request = new ScriptedRequest(root.GetProperty("model").GetString() ?? "", Content("system"), Content("user"),
            root.TryGetProperty("response_format", out var format) && format.TryGetProperty("type", out var type) && type.GetString() == "json_object");
        _requests.Enqueue(request);

        switch (Script(request))
        {
            case ScriptedResponse.Reply reply:
                await context.Response.WriteAsJsonAsync(new
                {
                    id = "chatcmpl-scripted",
                    @object = "chat.completion",
                    created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    model = request.Model,
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = request.System.Length / 4 + request.User.Length / 4, completion_tokens = reply.Content.Length / 4 + 1,
                        total_tokens = (request.System.Length + request.User.Length + reply.Content.Length) / 4 + 1 },
                }, context.RequestAborted);
                break;
            case ScriptedResponse.Status status:
                context.Response.StatusCode = status.Code;
                await context.Response.WriteAsJsonAsync(new { error = new { message = "scripted failure", type = "server_error", code = status.Code } },
                    context.RequestAborted);
                break;
            case ScriptedResponse.RawBody raw:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(raw.Body, context.RequestAborted);
                break;
            case ScriptedResponse.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref _abandoned);
                }
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
