using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorApp.Data.DataProtection;

namespace TutorApp.Data.Configurations;

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<StoredDataProtectionKey>
{
    public void Configure(EntityTypeBuilder<StoredDataProtectionKey> builder)
    {
        builder.ToTable("data_protection_keys");
        builder.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
