using System.ComponentModel.DataAnnotations;

namespace TutorApp.Data.Mastery;

/// <summary>Section "Mastery" of appsettings.json: what counts as mastered, and how next problems are chosen.</summary>
public sealed class MasteryOptions
{
    public const string Section = "Mastery";

    /// <summary>Mastery from which a skill counts as mastered: it no longer needs practice, and skills that build on it
    /// are ready to learn.</summary>
    [Range(0.5, 1.0)]
    public double MasteredThreshold { get; set; } = 0.85;

    /// <summary>A skill that was mastered at its last practice is due for review once its mastery today (after
    /// forgetting) has fallen below this.</summary>
    [Range(0.0, 1.0)]
    public double ReviewThreshold { get; set; } = 0.7;

    /// <summary>Edges of the model's learned prerequisite graph (PSI-KT) count as prerequisites from this probability;
    /// above 1 the learned graph is not used.</summary>
    [Range(0.0, 1.01)]
    public double LearnedPrerequisiteMinProbability { get; set; } = 0.7;

    /// <summary>How many problems the student's home page recommends.</summary>
    [Range(1, 20)]
    public int Recommendations { get; set; } = 3;
}
