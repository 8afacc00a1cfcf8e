using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorApp.Domain.Llm;
using TutorApp.Domain.Sessions;

namespace TutorApp.Data.Configurations;

internal sealed class LlmCallConfiguration : IEntityTypeConfiguration<LlmCall>
{
    public void Configure(EntityTypeBuilder<LlmCall> builder)
    {
        builder.ToTable("llm_calls");
        builder.Property(c => c.Purpose).HasMaxLength(20);
        builder.Property(c => c.Model).HasMaxLength(200);
        builder.Property(c => c.Outcome).HasMaxLength(20);
        builder.Property(c => c.Detail).HasMaxLength(1000);
        // The log outlives a deleted session; it then keeps the call without the link.
        builder.HasOne<TutoringSession>().WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => c.At);
    }
}
