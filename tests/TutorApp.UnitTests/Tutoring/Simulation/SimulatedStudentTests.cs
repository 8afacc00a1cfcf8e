using TutorApp.Domain.Answers;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Import;
using TutorApp.Tutoring.Simulation;
using TutorApp.Tutoring.Validation;

namespace TutorApp.UnitTests.Tutoring.Simulation;

public sealed class SimulatedStudentTests
{
    private static readonly StudentProfile TenSlices = new("s1", 10m);
    private static readonly SimulatorParameters NeverFixes = new(0, 0, 0, 0, 0, 0, 0, 1);

    private static SimulatedStudent Student(SimulatorParameters parameters, int seed = 7) =>
        new StudentSimulator(parameters).Create(SampleProblems.Pizzas, TenSlices, seed);

    private static TutorMessage Ask(string text, TeacherMove move, string? step = "s1", string? node = "s1.q1") => new(text, move, step, node);

    [Fact]
    public void It_answers_the_steps_it_knows_right_and_first_gives_its_wrong_value_on_its_misconception_step()
    {
        var student = new StudentSimulator(NeverFixes).Create(SampleProblems.Pizzas, new StudentProfile("s2", 6m), 1);
        var first = student.Reply(Ask("How many slices are there altogether?", TeacherMove.Focus));
        Assert.Equal(SimulatedReplyKind.Correct, first.Kind);
        Assert.Contains("16", first.Text, StringComparison.Ordinal);
        var second = student.Reply(Ask("How many does each get?", TeacherMove.Focus, "s2", "s2.q1"));
        Assert.Equal(SimulatedReplyKind.RestatesWrongValue, second.Kind);
        Assert.Contains("6", second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_chance_to_correct_it_keeps_its_wrong_value()
    {
        var student = Student(NeverFixes);
        for (var turn = 0; turn < 10; turn++)
        {
            var reply = student.Reply(Ask($"Question {turn}: how many slices altogether?", TeacherMove.Probing));
            Assert.Equal(SimulatedReplyKind.RestatesWrongValue, reply.Kind);
            Assert.False(reply.Corrected);
        }
    }

    [Fact]
    public void A_move_that_always_corrects_corrects_after_the_first_wrong_attempt()
    {
        var student = Student(NeverFixes with { ProbingFixRate = 1 });
        Assert.False(student.Reply(Ask("How many slices altogether?", TeacherMove.Focus)).Corrected);
        var reply = student.Reply(Ask("Are you sure? How many slices are in one pizza, and how many pizzas?", TeacherMove.Probing, "s1", "s1.q2"));
        Assert.True(reply.Corrected);
        Assert.Contains("8 and 2", reply.Text, StringComparison.Ordinal);
        Assert.Contains("16", student.Reply(Ask("So how many slices altogether?", TeacherMove.Focus)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeating_the_same_question_counts_as_a_generic_turn()
    {
        var student = Student(NeverFixes with { FocusFixRate = 1 });
        student.Reply(Ask("How many slices altogether?", TeacherMove.Focus));
        Assert.False(student.Reply(Ask("Not quite. How many slices altogether?", TeacherMove.Focus)).Corrected);
        Assert.True(student.Reply(Ask("There are 2 pizzas with 8 slices each. How many slices altogether?", TeacherMove.Focus)).Corrected);
    }

    [Fact]
    public void A_turn_that_states_the_right_value_is_repeated_at_the_copy_rate()
    {
        var copies = Student(NeverFixes with { CopyRevealedRate = 1 });
        copies.Reply(Ask("How many slices altogether?", TeacherMove.Focus));
        var reply = copies.Reply(Ask("2 × 8 = 16 slices. How many slices altogether?", TeacherMove.Telling));
        Assert.True(reply.Corrected);
        Assert.Contains("16", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Replies_that_do_not_correct_follow_the_fitted_shares()
    {
        var parameters = new SimulatorParameters(0, 0, 0, 0, 0, DontKnowRate: 0.5, AsksForAnswerRate: 0.25, RestateRate: 0.25);
        var student = new StudentSimulator(parameters).Create(SampleProblems.Pizzas, TenSlices, 3);
        student.Reply(Ask("How many slices altogether?", TeacherMove.Focus));
        var kinds = Enumerable.Range(0, 2000).Select(i => student.Reply(new TutorMessage($"Think again ({i}).", TeacherMove.Focus, "s1")).Kind).ToList();
        Assert.InRange(kinds.Count(k => k == SimulatedReplyKind.DontKnow) / 2000.0, 0.45, 0.55);
        Assert.InRange(kinds.Count(k => k == SimulatedReplyKind.AsksForAnswer) / 2000.0, 0.2, 0.3);
        Assert.DoesNotContain(SimulatedReplyKind.Correct, kinds);
    }

    [Fact]
    public void The_same_seed_gives_the_same_replies()
    {
        var parameters = SimulatorParameters.MathDialDev;
        string Run(int seed)
        {
            var student = Student(parameters, seed);
            return string.Join("|", Enumerable.Range(0, 12).Select(i => student.Reply(Ask($"Try {i}: how many slices?", TeacherMove.Focus)).Text));
        }
        Assert.Equal(Run(11), Run(11));
    }

    [Fact]
    public void Next_attempt_tells_a_hint_validator_whether_a_candidate_hint_helped()
    {
        var simulator = new StudentSimulator(NeverFixes with { TellingFixRate = 1 });
        var helped = simulator.NextAttempt(SampleProblems.Pizzas, "s1", 10m, "Multiply the slices in one pizza by the number of pizzas.", seed: 5);
        Assert.True(helped.Corrected);
        Assert.Contains("16", helped.Text, StringComparison.Ordinal);
        var alone = simulator.NextAttempt(SampleProblems.Pizzas, "s1", 10m, null, seed: 5);
        Assert.False(alone.Corrected);
        Assert.Equal(alone, simulator.NextAttempt(SampleProblems.Pizzas, "s1", 10m, null, seed: 5));
    }

    [Fact]
    public async Task As_a_hint_validators_student_it_keeps_the_real_students_number_and_pairs_the_attempts_with_and_without_the_hint()
    {
        var offline = new OfflineStudentSimulator(new StudentSimulator(NeverFixes with { TellingFixRate = 1 }));
        var request = new SimulatedStudentRequest(SampleProblems.Pizzas, "s1", "I got 10 slices", null, 3);

        var alone = await offline.NextAttemptAsync(request, CancellationToken.None);
        var helped = await offline.NextAttemptAsync(request with { Hint = "Multiply the slices in one pizza by the number of pizzas." },
            CancellationToken.None);

        Assert.Contains("10", alone, StringComparison.Ordinal);
        Assert.Contains("16", helped, StringComparison.Ordinal);
        Assert.Equal(alone, await offline.NextAttemptAsync(request, CancellationToken.None));
        await Assert.ThrowsAsync<StudentSimulatorException>(() => offline.NextAttemptAsync(request with { StepKey = "s9" }, CancellationToken.None));
    }

    [Fact]
    public void Moves_are_read_from_the_words_of_an_unlabelled_turn()
    {
        Assert.Equal(TeacherMove.Generic, MoveReader.Read("Hi Sam, can you walk me through your solution?"));
        Assert.Equal(TeacherMove.Probing, MoveReader.Read("Why did you add those numbers?"));
        Assert.Equal(TeacherMove.Focus, MoveReader.Read("How many slices are in one pizza?"));
        Assert.Equal(TeacherMove.Telling, MoveReader.Read("You need to multiply the slices by the pizzas."));
    }

    [Fact]
    public void A_sampled_profile_is_one_of_the_banks_misconceptions_or_a_wrong_value_no_step_has()
    {
        var pizzas = StudentSimulator.SampleProfile(SampleProblems.Pizzas, new Random(1))!;
        Assert.Equal("s2", pizzas.StepKey);
        Assert.Contains(pizzas.WrongValue, SampleProblems.Pizzas.Steps[1].Misconceptions[0].WrongValues);

        var withoutMisconceptions = SampleProblems.Pizzas with { Steps = SampleProblems.Pizzas.Steps.Select(s => s with { Misconceptions = [] }).ToList() };
        for (var seed = 0; seed < 20; seed++)
        {
            var profile = StudentSimulator.SampleProfile(withoutMisconceptions, new Random(seed))!;
            Assert.Equal("s1", profile.StepKey); // the only step with a number answer
            Assert.NotEqual(16m, profile.WrongValue);
        }
    }

    [Fact]
    public void Calibration_counts_each_reply_after_the_students_own_solution_against_the_move_before_it()
    {
        MathDialUtterance T(string move, string text) => new(true, move, text);
        MathDialUtterance S(string text) => new(false, null, text);
        var dialogue = new MathDialRecord(2, 1, FinalAnswer: 20m, StudentAnswer: 14m, new MathDialMisconceptionSite("s1", 10m, 4m),
        [
            T("generic", "Walk me through your solution."), S("I got 4 and then 14."),
            T("probing", "Why 4?"), S("Because 4."),
            T("focus", "How many in each week?"), S("I don't know."),
            T("telling", "It's 10, then add."), S("10, so 20."),
            T("focus", "Great."), S("20"),
        ]);
        var calibration = SimulatorCalibration.Fit([dialogue]);
        Assert.Equal(1, calibration.Data.Trials["probing"]);
        Assert.Equal(1, calibration.Data.Trials["focus"]);
        Assert.Equal(0, calibration.Data.Trials["generic"]); // the first student utterance presents the solution
        Assert.Equal(1, calibration.Data.RevealTrials);
        Assert.Equal(1.0, calibration.Parameters.CopyRevealedRate);
        Assert.Equal(0.0, calibration.Parameters.ProbingFixRate);
        Assert.Equal(2, calibration.Data.NotFixed);
        Assert.Equal(0.5, calibration.Parameters.DontKnowRate);
        Assert.Equal(0.5, calibration.Parameters.RestateRate);
        Assert.Equal(2, calibration.Data.TeacherMoves["focus"]);
    }
}
