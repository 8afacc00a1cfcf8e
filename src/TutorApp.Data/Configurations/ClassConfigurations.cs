using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorApp.Data.Identity;
using TutorApp.Domain.Classes;
using TutorApp.Domain.Content;

namespace TutorApp.Data.Configurations;

internal sealed class SchoolClassConfiguration : IEntityTypeConfiguration<SchoolClass>
{
    public void Configure(EntityTypeBuilder<SchoolClass> builder)
    {
        builder.ToTable("school_classes");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.JoinCode).HasMaxLength(12);
        builder.HasIndex(c => c.JoinCode).IsUnique();
        builder.HasIndex(c => c.TeacherId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.TeacherId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.ClassId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Assignments).WithOne().HasForeignKey(a => a.ClassId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClassMemberConfiguration : IEntityTypeConfiguration<ClassMember>
{
    public void Configure(EntityTypeBuilder<ClassMember> builder)
    {
        builder.ToTable("class_members");
        builder.HasKey(m => new { m.ClassId, m.StudentId });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.StudentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.StudentId);
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.ToTable("assignments");
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.HasIndex(a => new { a.ClassId, a.DueAt });
        builder.HasMany(a => a.Problems).WithOne().HasForeignKey(p => p.AssignmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssignmentProblemConfiguration : IEntityTypeConfiguration<AssignmentProblem>
{
    public void Configure(EntityTypeBuilder<AssignmentProblem> builder)
    {
        builder.ToTable("assignment_problems");
        builder.HasKey(p => new { p.AssignmentId, p.ProblemId });
        // Restrict: a problem given to a class is not deleted from under the assignment.
        builder.HasOne<Problem>().WithMany().HasForeignKey(p => p.ProblemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.ProblemId);
    }
}
