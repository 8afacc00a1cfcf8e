using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorApp.Data.Identity;


namespace TutorApp.Data.Configurations;

internal sealed class SkillConfiguration : IEntityTypeConfiguration<Skill>
{
    public void Configure(EntityTypeBuilder<Skill> builder)
    {
        builder.ToTable("skills");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.HasIndex(s => s.Name).IsUnique();
    }
}

internal sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
{
    public void Configure(EntityTypeBuilder<Problem> builder)
    {
        builder.ToTable("problems");
        builder.Property(p => p.Title).HasMaxLength(300);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.CreatedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(p => p.Steps).WithOne(s => s.Problem).HasForeignKey(s => s.ProblemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProblemStepConfiguration : IEntityTypeConfiguration<ProblemStep>
{
    public void Configure(EntityTypeBuilder<ProblemStep> builder)
    {
        builder.ToTable("problem_steps");
        builder.Property(s => s.ExpectedValue).HasPrecision(28, 10);
        builder.Property(s => s.Tolerance).HasPrecision(28, 10);
        builder.HasIndex(s => new { s.ProblemId, s.Position }).IsUnique();
        builder.HasOne(s => s.Skill).WithMany().HasForeignKey(s => s.SkillId).OnDelete(DeleteBehavior.Restrict);
    }
}
