using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorApp.Domain.Content;

namespace TutorApp.Data.Configurations;

internal sealed class ImportedDraftConfiguration : IEntityTypeConfiguration<ImportedDraft>
{
    public void Configure(EntityTypeBuilder<ImportedDraft> builder)
    {
        builder.ToTable("imported_drafts");
        builder.HasKey(d => d.ProblemVersionId);
        builder.Property(d => d.ProblemVersionId).ValueGeneratedNever();
        builder.Property(d => d.File).HasMaxLength(300);
        builder.HasOne(d => d.ProblemVersion).WithMany().HasForeignKey(d => d.ProblemVersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Flags).WithOne().HasForeignKey(f => f.ProblemVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredQuestionFlagConfiguration : IEntityTypeConfiguration<StoredQuestionFlag>
{
    public void Configure(EntityTypeBuilder<StoredQuestionFlag> builder)
    {
        builder.ToTable("question_flags");
        builder.Property(f => f.StepKey).HasMaxLength(50);
        builder.Property(f => f.Reason).HasConversion<string>().HasMaxLength(30);
        builder.Property(f => f.Detail).HasMaxLength(500);
    }
}
