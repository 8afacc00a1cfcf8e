using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TutorApp.Web.Tutoring;

/// <summary>
/// Failures of the database itself (restarting, unreachable, connection dropped), as opposed to a bug or a refusal. A turn
/// is one transaction, so after one of these nothing of it was saved and the student can simply send the message again;
/// the connection pool replaces broken connections by itself, so the next attempt reconnects.
/// </summary>
public static class DatabaseFailures
{
    public const string RetryMessage = "The tutor could not save your message just now. Please send it again.";

    public static bool IsUnavailable(Exception failure) => failure switch
    {
        NpgsqlException or TimeoutException => true,
        // EF Core wraps provider errors in these; the cause decides.
        DbUpdateException or InvalidOperationException when failure.InnerException is { } inner => IsUnavailable(inner),
        _ => false,
    };
}
