using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorApp.Domain.Content;

namespace TutorApp.Data.Configurations;

internal sealed class SkillConfiguration : IEntityTypeConfiguration<Skill>
{
    public void Configure(EntityTypeBuilder<Skill> builder)
    {
        builder.ToTable("skills");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasOne(s => s.Parent).WithMany().HasForeignKey(s => s.ParentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(s => s.Prerequisites).WithOne().HasForeignKey(p => p.SkillId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SkillPrerequisiteConfiguration : IEntityTypeConfiguration<SkillPrerequisite>
{
    public void Configure(EntityTypeBuilder<SkillPrerequisite> builder)
    {
        builder.ToTable("skill_prerequisites", t => t.HasCheckConstraint("ck_skill_prerequisites_not_self", "skill_id <> prerequisite_id"));
        builder.HasKey(p => new { p.SkillId, p.PrerequisiteId });
        builder.HasOne(p => p.Prerequisite).WithMany().HasForeignKey(p => p.PrerequisiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
