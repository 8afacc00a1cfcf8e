using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TutorApp.Data.Identity;
using TutorApp.Domain.Content;

namespace TutorApp.Data.Configurations;

internal sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
{
    public void Configure(EntityTypeBuilder<Problem> builder)
    {
        builder.ToTable("problems");
        builder.Property(p => p.Key).HasMaxLength(100);
        builder.HasIndex(p => p.Key).IsUnique();
        builder.HasMany(p => p.Versions).WithOne(v => v.Problem).HasForeignKey(v => v.ProblemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProblemVersionConfiguration : IEntityTypeConfiguration<ProblemVersion>
{
    public void Configure(EntityTypeBuilder<ProblemVersion> builder)
    {
        builder.ToTable("problem_versions");
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Title).HasMaxLength(300);
        builder.Property(v => v.FinalAnswer).HasColumnType("jsonb")
            .HasConversion((ValueConverter)JsonColumns.AnswerSpec, JsonColumns.AnswerSpecComparer);
        builder.HasIndex(v => new { v.ProblemId, v.Number }).IsUnique();
        // The student's list and the bank search filter on status.
        builder.HasIndex(v => v.Status);
        builder.HasIndex(v => v.ProblemId, "ix_problem_versions_one_published").IsUnique().HasFilter("status = 'Published'");
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(v => v.CreatedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(v => v.Skills).WithOne().HasForeignKey(s => s.ProblemVersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Steps).WithOne(s => s.ProblemVersion).HasForeignKey(s => s.ProblemVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProblemVersionSkillConfiguration : IEntityTypeConfiguration<ProblemVersionSkill>
{
    public void Configure(EntityTypeBuilder<ProblemVersionSkill> builder)
    {
        builder.ToTable("problem_version_skills");
        builder.HasKey(s => new { s.ProblemVersionId, s.SkillId });
        builder.HasOne(s => s.Skill).WithMany().HasForeignKey(s => s.SkillId).OnDelete(DeleteBehavior.Restrict);
    }
}
