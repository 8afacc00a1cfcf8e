using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorApp.Domain.Audit;

namespace TutorApp.Data.Configurations;

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(50);
        builder.Property(e => e.Target).HasMaxLength(200);
        builder.Property(e => e.Details).HasMaxLength(2000);
        // The admin page lists the newest first.
        builder.HasIndex(e => e.OccurredAt);
    }
}
