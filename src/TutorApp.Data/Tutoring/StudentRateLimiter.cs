using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TutorApp.Data.Tutoring;

/// <summary>
/// One limit per student for sending messages, shared by the tutoring page and the JSON API, so neither path can
/// be used to flood the tutor (or the database) with turns.
/// </summary>
public sealed class StudentRateLimiter(IOptions<TutoringOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(studentId =>
        RateLimitPartition.GetSlidingWindowLimiter(studentId, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.MessagesPerMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    /// <summary>True when the student may send now; the permit is consumed.</summary>
    public bool TryAcquire(string studentId)
    {
        using var lease = _limiter.AttemptAcquire(studentId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
