using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorApp.Data.Identity;
using TutorApp.Domain.Content;
using TutorApp.Domain.Practice;


namespace TutorApp.Data.Configurations;

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.ToTable("interactions");
        builder.Property(i => i.AnswerText).HasMaxLength(2000);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.StudentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SolutionStep>().WithMany().HasForeignKey(i => i.StepId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Skill>().WithMany().HasForeignKey(i => i.SkillId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TutorApp.Domain.Sessions.TutoringSession>().WithMany().HasForeignKey(i => i.SessionId).OnDelete(DeleteBehavior.SetNull);
        // Knowledge tracing and the dashboards read one student's history in time order.
        builder.HasIndex(i => new { i.StudentId, i.OccurredAt });
    }
}
