using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorApp.Data.Identity;
using TutorApp.Domain.Content;
using TutorApp.Domain.Mastery;
using TutorApp.Domain.Sessions;

namespace TutorApp.Data.Configurations;

internal sealed class TutoringSessionConfiguration : IEntityTypeConfiguration<TutoringSession>
{
    public void Configure(EntityTypeBuilder<TutoringSession> builder)
    {
        builder.ToTable("tutoring_sessions");
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.State).HasColumnType("jsonb");
        builder.Property(s => s.Revision).IsConcurrencyToken();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.StudentId).OnDelete(DeleteBehavior.Cascade);
        // Restrict: a version with sessions is never deleted, so a session always keeps the version it started with.
        builder.HasOne<ProblemVersion>().WithMany().HasForeignKey(s => s.ProblemVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Turns).WithOne().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        // "Continue where you left off" and the history list read one student's sessions, newest first.
        builder.HasIndex(s => new { s.StudentId, s.UpdatedAt });
        builder.HasIndex(s => new { s.StudentId, s.ProblemVersionId }, "ix_tutoring_sessions_one_active").IsUnique().HasFilter("status = 'Active'");
    }
}

internal sealed class TutoringTurnConfiguration : IEntityTypeConfiguration<TutoringTurn>
{
    public void Configure(EntityTypeBuilder<TutoringTurn> builder)
    {
        builder.ToTable("tutoring_turns");
        builder.Property(t => t.Speaker).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.Text).HasMaxLength(4000);
        builder.Property(t => t.Move).HasMaxLength(20);
        builder.Property(t => t.SubMove).HasMaxLength(100);
        builder.Property(t => t.Intent).HasMaxLength(30);
        builder.Property(t => t.StepKey).HasMaxLength(50);
        builder.Property(t => t.NodeKey).HasMaxLength(100);
        builder.Property(t => t.MisconceptionKey).HasMaxLength(100);
        builder.HasIndex(t => new { t.SessionId, t.Number }).IsUnique();
    }
}

internal sealed class SkillMasteryConfiguration : IEntityTypeConfiguration<SkillMastery>
{
    public void Configure(EntityTypeBuilder<SkillMastery> builder)
    {
        builder.ToTable("skill_mastery");
        builder.HasKey(m => new { m.StudentId, m.SkillId });
        builder.Property(m => m.Model).HasMaxLength(50);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.StudentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Skill>().WithMany().HasForeignKey(m => m.SkillId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.SkillId);
    }
}

internal sealed class StudentKnowledgeStateConfiguration : IEntityTypeConfiguration<StudentKnowledgeState>
{
    public void Configure(EntityTypeBuilder<StudentKnowledgeState> builder)
    {
        builder.ToTable("student_knowledge_states");
        builder.HasKey(s => s.StudentId);
        builder.Property(s => s.Model).HasMaxLength(50);
        builder.Property(s => s.State).HasColumnType("jsonb");
        builder.Property(s => s.Traits).HasColumnType("jsonb").HasConversion(JsonColumns.Traits);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.StudentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MasterySnapshotConfiguration : IEntityTypeConfiguration<MasterySnapshot>
{
    public void Configure(EntityTypeBuilder<MasterySnapshot> builder)
    {
        builder.ToTable("mastery_snapshots");
        builder.Property(s => s.Model).HasMaxLength(50);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.StudentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Skill>().WithMany().HasForeignKey(s => s.SkillId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TutorApp.Domain.Practice.Interaction>().WithMany().HasForeignKey(s => s.InteractionId).OnDelete(DeleteBehavior.Cascade);
        // Trajectories read one student's snapshots over a time range, for one skill or for all.
        builder.HasIndex(s => new { s.StudentId, s.SkillId, s.TakenAt });
        builder.HasIndex(s => new { s.StudentId, s.TakenAt });
        builder.HasIndex(s => s.InteractionId);
    }
}
