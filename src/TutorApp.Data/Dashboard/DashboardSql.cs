namespace TutorApp.Data.Dashboard;

/// <summary>
/// The dashboard's hot queries as SQL, in one place, so that the benchmark can show their plans (EXPLAIN) for exactly
/// what the pages run. Parameters are named; Npgsql binds them.
/// </summary>
public static class DashboardSql
{
    public const string ClassStudents = """
        SELECT u.id, u.display_name, u.email
        FROM class_members m
        JOIN users u ON u.id = m.student_id
        WHERE m.class_id = @class_id
        """;

    public const string SkillsById = """
        SELECT s.id, s.name, COALESCE(p.name, '') AS group_name
        FROM skills s
        LEFT JOIN skills p ON p.id = s.parent_id
        WHERE s.id = ANY(@skill_ids)
        """;

    /// <summary>The student's sessions, newest first, each with its turn and attempt counts (per-session index lookups).</summary>
    public const string StudentSessions = """
        SELECT s.id, v.title, s.status, s.started_at, s.updated_at,
               t.student_turns, t.hint_requests, t.telling, t.bottom_outs, t.misconceptions,
               a.attempts, a.correct
        FROM tutoring_sessions s
        JOIN problem_versions v ON v.id = s.problem_version_id
        CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE tt.speaker = 'Student') AS student_turns,
                   count(*) FILTER (WHERE tt.intent = 'AsksForHint') AS hint_requests,
                   count(*) FILTER (WHERE tt.move = 'Telling') AS telling,
                   count(*) FILTER (WHERE tt.revealed_answer) AS bottom_outs,
                   count(*) FILTER (WHERE tt.misconception_key IS NOT NULL) AS misconceptions
            FROM tutoring_turns tt WHERE tt.session_id = s.id) t
        CROSS JOIN LATERAL (
            SELECT count(*) AS attempts, count(*) FILTER (WHERE i.correct) AS correct
            FROM interactions i WHERE i.session_id = s.id) a
        WHERE s.student_id = @student_id
        ORDER BY s.updated_at DESC
        LIMIT @limit
        """;

    /// <summary>Unfinished sessions of the class's students with the student messages since the session's last correct attempt.</summary>
    public const string StalledSessions = """
        SELECT s.id, s.student_id, v.title, stalled.messages
        FROM class_members m
        JOIN tutoring_sessions s ON s.student_id = m.student_id AND s.status = 'Active'
        JOIN problem_versions v ON v.id = s.problem_version_id
        CROSS JOIN LATERAL (
            SELECT count(*) AS messages
            FROM tutoring_turns t
            WHERE t.session_id = s.id AND t.speaker = 'Student'
              AND t.created_at > COALESCE((SELECT max(i.occurred_at) FROM interactions i WHERE i.session_id = s.id AND i.correct), s.started_at)) stalled
        WHERE m.class_id = @class_id AND stalled.messages >= @min_messages
        ORDER BY stalled.messages DESC
        """;

    /// <summary>Recognised misconceptions in the class's sessions on steps that practise the skill, newest first.</summary>
    public const string SkillMisconceptions = """
        SELECT mc.key, mc.description, s.student_id, t.session_id, t.text, t.created_at
        FROM class_members m
        JOIN tutoring_sessions s ON s.student_id = m.student_id
        JOIN tutoring_turns t ON t.session_id = s.id AND t.misconception_key IS NOT NULL
        JOIN solution_steps st ON st.problem_version_id = s.problem_version_id AND st.key = t.step_key
        JOIN step_skills ss ON ss.step_id = st.id AND ss.skill_id = @skill_id
        JOIN misconceptions mc ON mc.step_id = st.id AND mc.key = t.misconception_key
        WHERE m.class_id = @class_id
        ORDER BY t.created_at DESC
        LIMIT 5000
        """;

    public const string StudentHistory = """
        SELECT i.occurred_at, v.title, st.key, sk.name, i.correct, i.hints_used, i.answer_text, i.session_id
        FROM interactions i
        JOIN solution_steps st ON st.id = i.step_id
        JOIN problem_versions v ON v.id = st.problem_version_id
        JOIN skills sk ON sk.id = i.skill_id
        WHERE i.student_id = @student_id
        ORDER BY i.occurred_at, i.id
        """;

    /// <summary>Each class student's mastery of each skill as it stood at <c>@since</c>: the last snapshot up to then.</summary>
    public const string MasteryAsOf = """
        SELECT DISTINCT ON (s.student_id, s.skill_id) s.student_id, s.skill_id, s.probability
        FROM class_members m
        JOIN mastery_snapshots s ON s.student_id = m.student_id AND s.taken_at <= @since
        WHERE m.class_id = @class_id
        ORDER BY s.student_id, s.skill_id, s.taken_at DESC
        """;
}
