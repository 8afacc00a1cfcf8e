namespace TutorApp.Domain.Mastery;

/// <summary>
/// Where knowledge tracing stands for one student: the tracer's state after every interaction up to
/// <see cref="LastInteractionId"/>, so the next attempt is one update step instead of a replay of the whole history.
/// </summary>
public sealed class StudentKnowledgeState
{
    public required string StudentId { get; set; }

    /// <summary>The tracer that wrote <see cref="State"/>; a state of another model is rebuilt, never continued.</summary>
    public required string Model { get; set; }

    /// <summary>The tracer's serialised <see cref="KnowledgeState"/> (jsonb).</summary>
    public required string State { get; set; }

    public long LastInteractionId { get; set; }
    public int Interactions { get; set; }

    /// <summary>The learner's traits when the model has them (PSI-KT).</summary>
    public LearnerTraits? Traits { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
