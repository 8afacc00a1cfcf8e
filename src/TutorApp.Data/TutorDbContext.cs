using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TutorApp.Data.DataProtection;
using TutorApp.Data.Identity;
using TutorApp.Domain.Audit;
using TutorApp.Domain.Classes;
using TutorApp.Domain.Content;
using TutorApp.Domain.Llm;
using TutorApp.Domain.Mastery;
using TutorApp.Domain.Practice;
using TutorApp.Domain.Sessions;


namespace TutorApp.Data;

/// <summary>
/// The schema itself is owned by the SQL files in migrations/; this model must match it, which the drift test checks.
/// </summary>
public sealed class TutorDbContext(DbContextOptions<TutorDbContext> options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Skill> Skills => Set<Skill>();
    public DbSet<SkillPrerequisite> SkillPrerequisites => Set<SkillPrerequisite>();
    public DbSet<Problem> Problems => Set<Problem>();
    public DbSet<ProblemVersion> ProblemVersions => Set<ProblemVersion>();
    public DbSet<SolutionStep> Steps => Set<SolutionStep>();
    public DbSet<Misconception> Misconceptions => Set<Misconception>();
    public DbSet<QuestionNode> QuestionNodes => Set<QuestionNode>();
    public DbSet<ImportedDraft> ImportedDrafts => Set<ImportedDraft>();
    public DbSet<StoredQuestionFlag> QuestionFlags => Set<StoredQuestionFlag>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<SkillMastery> SkillMastery => Set<SkillMastery>();
    public DbSet<StudentKnowledgeState> KnowledgeStates => Set<StudentKnowledgeState>();
    public DbSet<MasterySnapshot> MasterySnapshots => Set<MasterySnapshot>();
    public DbSet<TutoringSession> TutoringSessions => Set<TutoringSession>();
    public DbSet<TutoringTurn> TutoringTurns => Set<TutoringTurn>();
    public DbSet<LlmCall> LlmCalls => Set<LlmCall>();
    public DbSet<StoredDataProtectionKey> DataProtectionKeys => Set<StoredDataProtectionKey>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<SchoolClass> Classes => Set<SchoolClass>();
    public DbSet<ClassMember> ClassMembers => Set<ClassMember>();
    public DbSet<Assignment> Assignments => Set<Assignment>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TutorDbContext).Assembly);
        SnakeCaseNaming.Apply(builder);
    }
}
