-- At most one published version per problem, and at most one unfinished session per student and problem version:
-- the database itself refuses what a race between two requests could otherwise produce.
CREATE UNIQUE INDEX ix_problem_versions_one_published ON problem_versions (problem_id) WHERE status = 'Published';
CREATE UNIQUE INDEX ix_tutoring_sessions_one_active ON tutoring_sessions (student_id, problem_version_id) WHERE status = 'Active';
