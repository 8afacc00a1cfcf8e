using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorApp.Domain.Content;

namespace TutorApp.Data.Configurations;

internal sealed class SolutionStepConfiguration : IEntityTypeConfiguration<SolutionStep>
{
    public void Configure(EntityTypeBuilder<SolutionStep> builder)
    {
        builder.ToTable("solution_steps");
        builder.Property(s => s.Key).HasMaxLength(50);
        builder.Property(s => s.Expected).HasColumnType("jsonb")
            .HasConversion(JsonColumns.AnswerSpec, JsonColumns.AnswerSpecComparer);
        builder.HasIndex(s => new { s.ProblemVersionId, s.Position }).IsUnique();
        builder.HasIndex(s => new { s.ProblemVersionId, s.Key }).IsUnique();
        builder.HasMany(s => s.Skills).WithOne().HasForeignKey(k => k.StepId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.DependsOn).WithOne().HasForeignKey(d => d.StepId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Misconceptions).WithOne().HasForeignKey(m => m.StepId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Questions).WithOne().HasForeignKey(q => q.StepId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StepSkillConfiguration : IEntityTypeConfiguration<StepSkill>
{
    public void Configure(EntityTypeBuilder<StepSkill> builder)
    {
        builder.ToTable("step_skills");
        builder.HasKey(s => new { s.StepId, s.SkillId });
        builder.HasOne(s => s.Skill).WithMany().HasForeignKey(s => s.SkillId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StepDependencyConfiguration : IEntityTypeConfiguration<StepDependency>
{
    public void Configure(EntityTypeBuilder<StepDependency> builder)
    {
        builder.ToTable("step_dependencies");
        builder.HasKey(d => new { d.StepId, d.DependsOnStepId });
        builder.HasOne(d => d.DependsOnStep).WithMany().HasForeignKey(d => d.DependsOnStepId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MisconceptionConfiguration : IEntityTypeConfiguration<Misconception>
{
    public void Configure(EntityTypeBuilder<Misconception> builder)
    {
        builder.ToTable("misconceptions");
        builder.Property(m => m.Key).HasMaxLength(50);
        builder.HasIndex(m => new { m.StepId, m.Key }).IsUnique();
    }
}

internal sealed class QuestionNodeConfiguration : IEntityTypeConfiguration<QuestionNode>
{
    public void Configure(EntityTypeBuilder<QuestionNode> builder)
    {
        builder.ToTable("question_nodes");
        builder.Property(q => q.Key).HasMaxLength(100);
        builder.Property(q => q.Trigger).HasConversion<string>().HasMaxLength(20);
        builder.Property(q => q.Move).HasConversion<string>().HasMaxLength(20);
        builder.Property(q => q.SubMove).HasMaxLength(100);
        builder.Property(q => q.Expected).HasColumnType("jsonb")
            .HasConversion(JsonColumns.AnswerSpec, JsonColumns.AnswerSpecComparer);
        builder.Property(q => q.Hints).HasColumnType("jsonb")
            .HasConversion(JsonColumns.Hints, JsonColumns.HintsComparer);
        builder.HasIndex(q => new { q.StepId, q.Key }).IsUnique();
        builder.HasOne(q => q.Parent).WithMany().HasForeignKey(q => q.ParentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(q => q.Misconception).WithMany().HasForeignKey(q => q.MisconceptionId).OnDelete(DeleteBehavior.Restrict);
    }
}
