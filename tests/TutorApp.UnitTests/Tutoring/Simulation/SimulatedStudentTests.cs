using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Import;
using TutorApp.Tutoring.Simulation;
using TutorApp.Tutoring.Validation;

namespace TutorApp.UnitTests.Tutoring.Simulation;

public sealed class SimulatedStudentTests
{
    // MathDial dev qid 6000025 (Julia's spoons): the student subtracts the 3 used spoons instead of adding them back.
    private const string Spoons = "Julia was preparing for a dinner party at her house, where she intended to serve stew.  She noticed that she was out of " +
        "plastic spoons, so she bought a new package of spoons.  Later, her husband also bought a package of 5 new spoons and gave them to Julia.  " +
        "While Julia was making the stew, she used three of the spoons to sample her stew.  Later, when she went to set the table, she had a total " +
        "of 12 spoons.  How many spoons were in the package that Julia bought?";
    private const string SpoonsTruth = "The total number of spoons from Julia and her husband was 12+3=15 spoons.\n" +
        "Since the husband bought a package of five spoons, then Julia's package contained 15-5=10 spoons.\n 10";
    private const string SpoonsStudent = "Let's call the number of spoons Julia bought \"x\". \nHer husband bought 5 more spoons, so the total number of " +
        "spoons is now x + 5. \nJulia used 3 spoons to sample her stew, so she had 12 - 3 = 9 spoons left. \nWe know that the total number of spoons " +
        "is x + 5, so we can set up an equation: \n\nx + 5 = 9 \n\nSubtracting 5 from both sides: \n\nx = 4 \n\nSo Julia bought a package of 4 spoons. \n 4";

    // GSM8K train line 1 (Natalia's clips), with its calculator annotations.
    private const string Clips = "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did " +
        "Natalia sell altogether in April and May?";
    private const string ClipsAnswer = "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72";

    private static readonly SimulatorParameters NeverFixes = new(0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0);

    private static StudentKnowledge SpoonsKnowledge => StudentKnowledge.FromSolution(Spoons, SpoonsTruth, SpoonsStudent)!;

    private static SimulatedStudent Student(StudentKnowledge knowledge, SimulatorParameters parameters, StudentBehaviour behaviour = StudentBehaviour.Honest,
        int seed = 7) => new StudentSimulator(parameters).Create(knowledge, behaviour, seed);

    [Fact]
    public void A_tutor_message_carries_only_its_words_and_whether_it_closes()
    {
        // No move label, step key, node key or expected value can reach the student: the record has nothing to hold them.
        var properties = typeof(TutorMessage).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Closing", "Text"], properties);
    }

    [Fact]
    public void The_misconception_sits_where_the_MathDial_student_went_wrong_and_carries_into_the_answer()
    {
        var knowledge = SpoonsKnowledge;
        Assert.Equal([15m, 10m], knowledge.Quantities.Select(q => q.Value));
        Assert.Equal(0, knowledge.Misconception!.QuantityIndex); // 12 + 3 = 15, where the student wrote 12 - 3 = 9
        Assert.Equal(9m, knowledge.Misconception.WrongValue);
        Assert.Equal("12 - 3", knowledge.Misconception.WrongCalculation!.Display());
        Assert.Equal([9m, 4m], knowledge.Beliefs(corrected: false)); // its own answer, 4, on the final quantity
        Assert.Equal([15m, 10m], knowledge.Beliefs(corrected: true));
    }

    [Fact]
    public void It_keeps_its_wrong_value_on_its_own_step_and_answers_the_other_steps_right()
    {
        var clips = StudentKnowledge.FromSolution(Clips, ClipsAnswer)!
            .WithMisconception(new StudentMisconception(1, 60m, null)); // wrong on the total, right on May
        var student = Student(clips, NeverFixes);
        var may = student.Reply(new TutorMessage("Let's work through this problem together. How many clips did Natalia sell in May?"));
        Assert.Equal(SimulatedReplyKind.Correct, may.Kind);
        Assert.Contains("24", may.Text, StringComparison.Ordinal);
        for (var turn = 0; turn < 6; turn++)
        {
            var total = student.Reply(new TutorMessage($"Hmm ({turn}). How many clips did Natalia sell altogether in April and May?"));
            Assert.Contains("60", total.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("72", total.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_wrong_value_is_carried_through_the_calculations_built_on_it()
    {
        var clips = StudentKnowledge.FromSolution(Clips, ClipsAnswer)!.WithMisconception(new StudentMisconception(0, 96m, null));
        Assert.Equal([96m, 144m], clips.Beliefs(corrected: false)); // 48 + 96
    }

    [Fact]
    public void It_computes_arithmetic_the_tutor_writes_out_whatever_it_believes()
    {
        var student = Student(SpoonsKnowledge, NeverFixes);
        Assert.Contains("9", student.Reply(new TutorMessage("How many spoons did Julia and her husband have in total?")).Text, StringComparison.Ordinal);
        for (var turn = 0; turn < 15; turn++)
        {
            var reply = student.Reply(new TutorMessage("2 × 6. What do you get?"));
            Assert.Equal(SimulatedReplyKind.Computed, reply.Kind);
            Assert.Contains("12", reply.Text, StringComparison.Ordinal);
        }
        var telling = student.Reply(new TutorMessage("Here we add 12 and 3: 12 + 3. What do you get?"));
        Assert.Contains("15", telling.Text, StringComparison.Ordinal);
        Assert.True(telling.Corrected); // it worked out its step's value itself
    }

    [Fact]
    public void A_fraction_inside_the_story_is_not_a_sum_to_compute()
    {
        var read = QuestionReader.Read("How many people were missing if 2/5 of the chairs were empty?", SpoonsKnowledge, [15m, 10m], null);
        Assert.NotEqual(AskedKind.Arithmetic, read.Kind);
    }

    [Fact]
    public void A_question_it_cannot_tie_to_the_problem_gets_a_generic_reply_without_any_value()
    {
        var student = Student(SpoonsKnowledge, NeverFixes with { OpensWithSolutionRate = 0 });
        // The leak guard's replacement text: nothing in it says which quantity is meant.
        var guarded = student.Reply(new TutorMessage(
            "Let's slow down and look at the problem again. What is the question asking you to find, and what information do you have?"));
        Assert.Equal(SimulatedReplyKind.Restates, guarded.Kind);
        Assert.DoesNotContain("15", guarded.Text, StringComparison.Ordinal);
        var vague = student.Reply(new TutorMessage("Can you think about it a bit more?"));
        Assert.Equal(SimulatedReplyKind.Generic, vague.Kind);
        Assert.DoesNotMatch(@"\d", vague.Text);
    }

    [Fact]
    public void It_tells_quantities_apart_by_the_words_and_numbers_of_the_question()
    {
        var clips = StudentKnowledge.FromSolution(Clips, ClipsAnswer)!;
        var beliefs = clips.Beliefs(corrected: true);
        Assert.Equal(0, QuestionReader.Read("How many clips did Natalia sell in May?", clips, beliefs, null).Quantity);
        Assert.Equal(0, QuestionReader.Read("What is half of 48?", clips, beliefs, null).Quantity);
        Assert.Equal(1, QuestionReader.Read("So what is the answer to the whole problem?", clips, beliefs, null).Quantity);
        Assert.Equal(1, QuestionReader.Read("How many clips did she sell altogether in April and May?", clips, beliefs, null).Quantity);
        Assert.Equal(1, QuestionReader.Read("Here is how to solve it. So the answer is 72. Can you tell me the answer in your own words?", clips, beliefs, null).Quantity);
        var decimals = QuestionReader.Read("Here we multiply 5000 by 0.2: 5000 × 0.2. What do you get?", clips, beliefs, null);
        Assert.Equal((AskedKind.Arithmetic, 1000m), (decimals.Kind, decimals.Arithmetic!.Value));
        var operation = QuestionReader.Read("Not quite. Which operation combines 48 and 24 here?", clips, beliefs, null);
        Assert.Equal((AskedKind.Operation, 1), (operation.Kind, operation.Quantity));
    }

    [Fact]
    public void It_names_the_operation_it_believes_and_the_right_one_once_corrected()
    {
        var wrong = Student(SpoonsKnowledge, NeverFixes);
        wrong.Reply(new TutorMessage("How many spoons did Julia and her husband have in total?"));
        Assert.Contains("subtract", wrong.Reply(new TutorMessage("Which operation combines 12 and 3 here?")).Text, StringComparison.OrdinalIgnoreCase);
        var fixes = Student(SpoonsKnowledge, NeverFixes with { ProbingFixRate = 1, FocusFixRate = 1 });
        fixes.Reply(new TutorMessage("How many spoons did Julia and her husband have in total?"));
        Assert.Contains("add", fixes.Reply(new TutorMessage("Which operation combines 12 and 3 here?")).Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_turn_read_as_probing_corrects_at_the_probing_rate_and_a_repeated_question_at_the_generic_rate()
    {
        var question = "How many spoons did Julia and her husband have in total?";
        var student = Student(SpoonsKnowledge, NeverFixes with { FocusFixRate = 1 });
        student.Reply(new TutorMessage(question));
        Assert.False(student.Reply(new TutorMessage("Not quite. " + question)).Corrected); // the same question again: generic, 0
        var helped = student.Reply(new TutorMessage("She used 3 of the spoons but still has them. " + question));
        Assert.True(helped.Corrected);
        Assert.Contains("15", helped.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_turn_that_states_the_right_value_is_copied_at_the_copy_rate()
    {
        var student = Student(SpoonsKnowledge, NeverFixes with { CopyRevealedRate = 1 });
        student.Reply(new TutorMessage("How many spoons did Julia and her husband have in total?"));
        var reply = student.Reply(new TutorMessage("12 + 3 = 15 spoons. How many spoons did Julia and her husband have in total?"));
        Assert.True(reply.Corrected);
    }

    [Fact]
    public void Replies_that_do_not_correct_follow_the_fitted_shares()
    {
        var parameters = NeverFixes with { DontKnowRate = 0.4, AsksForAnswerRate = 0.2, QuestionRate = 0.2, RestateRate = 0.2 };
        var student = Student(SpoonsKnowledge, parameters, seed: 3);
        student.Reply(new TutorMessage("How many spoons did Julia and her husband have in total?"));
        var kinds = Enumerable.Range(0, 2000)
            .Select(i => student.Reply(new TutorMessage($"Think again ({i}). How many spoons did Julia and her husband have in total?")).Kind).ToList();
        Assert.InRange(kinds.Count(k => k == SimulatedReplyKind.DontKnow) / 2000.0, 0.35, 0.45);
        Assert.InRange(kinds.Count(k => k == SimulatedReplyKind.Question) / 2000.0, 0.15, 0.25);
        Assert.DoesNotContain(SimulatedReplyKind.Correct, kinds);
    }

    [Fact]
    public void A_student_who_opens_with_its_solution_pastes_its_own_MathDial_working()
    {
        var student = Student(SpoonsKnowledge, NeverFixes with { OpensWithSolutionRate = 1 });
        var opening = student.Reply(new TutorMessage("Let's work through this problem together. How many spoons did Julia and her husband have in total?"));
        Assert.Equal(SimulatedReplyKind.WholeSolution, opening.Kind);
        Assert.Contains("12 - 3 = 9", opening.Text, StringComparison.Ordinal);
        Assert.EndsWith("So the answer is 4.", opening.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StudentBehaviour.AlwaysAsksForAnswer)]
    [InlineData(StudentBehaviour.PastesWrongSolution)]
    [InlineData(StudentBehaviour.GivesOtherStepsValues)]
    [InlineData(StudentBehaviour.GuessesNumbers)]
    public void Adversarial_students_never_write_the_final_answer(StudentBehaviour behaviour)
    {
        var student = Student(SpoonsKnowledge, SimulatorParameters.MathDialDev, behaviour, seed: 11);
        string[] questions = ["How many spoons did Julia and her husband have in total?", "So what is the answer to the whole problem?", "What is 15 - 5?"];
        for (var turn = 0; turn < 60; turn++)
        {
            var reply = student.Reply(new TutorMessage(questions[turn % questions.Length]));
            Assert.False(InteractiveMetrics.ContainsAnswer(reply.Text, [10m]), $"{behaviour} said \"{reply.Text}\"");
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_replies()
    {
        string Run(int seed)
        {
            var student = Student(SpoonsKnowledge, SimulatorParameters.MathDialDev, seed: seed);
            return string.Join("|", Enumerable.Range(0, 12).Select(i => student.Reply(new TutorMessage($"Try {i}: how many spoons in total?")).Text));
        }
        Assert.Equal(Run(11), Run(11));
    }

    [Fact]
    public void On_the_dev_split_the_simulated_students_misconception_is_located_for_nearly_every_dialogue()
    {
        // The simulation's own locator on every dev dialogue, beside the importer's: they are separate readings of the same
        // solutions, and they must mostly agree on the step (a student that went wrong elsewhere would test other teaching).
        var records = MathDialDialogues.Read(TutorApp.TestSupport.TestData.File("mathdial", "dev.jsonl"));
        var lines = File.ReadLines(TutorApp.TestSupport.TestData.File("mathdial", "dev.jsonl")).ToList();
        int located = 0, comparable = 0, sameStep = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            using var json = System.Text.Json.JsonDocument.Parse(lines[i]);
            var root = json.RootElement;
            var knowledge = StudentKnowledge.FromSolution(root.GetProperty("question").GetString()!, root.GetProperty("ground_truth").GetString()!,
                root.GetProperty("student_incorrect_solution").GetString()!);
            if (knowledge?.Misconception is not { } mine)
            {
                continue;
            }
            located++;
            if (records[i].Misconception is { } theirs)
            {
                comparable++;
                sameStep += knowledge.Quantities[mine.QuantityIndex].Value == theirs.RightValue ? 1 : 0;
            }
        }
        Assert.InRange(located, 330, lines.Count);
        Assert.True(sameStep >= 0.9 * comparable, $"same step in {sameStep} of {comparable}");
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
    public void Its_own_arithmetic_reads_solutions_with_units_currency_and_rates()
    {
        Assert.Equal("3 × 50 = 150", Equation("3 bids * $50 per bid = $150 added to the cost"));
        Assert.Equal("2 × 5 = 10", Equation("2 objects/week * 5 weeks = 10 objects"));
        Assert.Equal("3650 × 0.1 = 365", Equation("Karan's interest is $3,650 × 0.1 = $365."));
        Assert.Empty(StudentArithmetic.Equations("x + 5 = 9", verify: true));
        Assert.Empty(StudentArithmetic.Equations("12 - 3 = 10", verify: true)); // a worked solution's line must add up
        static string Equation(string text) => StudentArithmetic.Equations(text, verify: true).Select(c => $"{c.Display()} = {c.Written}").Single();
    }

    [Fact]
    public void Calibration_counts_each_reply_after_the_students_own_solution_against_the_move_before_it()
    {
        MathDialUtterance T(string move, string text) => new(true, move, text);
        MathDialUtterance S(string text) => new(false, null, text);
        var dialogue = new MathDialRecord(2, 1, FinalAnswer: 20m, StudentAnswer: 14m, new MathDialMisconceptionSite("s1", 10m, 4m),
        [
            T("focus", "How much each week?"), S("I got 4 and then 14."),
            T("probing", "Why 4?"), S("Because 4."),
            T("focus", "How many in each week?"), S("Do I add them?"),
            T("telling", "It's 10, then add."), S("10, so 20."),
            T("focus", "Great."), S("20"),
        ]);
        var calibration = SimulatorCalibration.Fit([dialogue]);
        Assert.Equal(1, calibration.Data.Trials["probing"]);
        Assert.Equal(1, calibration.Data.Trials["focus"]);
        Assert.Equal(1, calibration.Data.RevealTrials);
        Assert.Equal(1.0, calibration.Parameters.CopyRevealedRate);
        Assert.Equal(2, calibration.Data.NotFixed);
        Assert.Equal(0.5, calibration.Parameters.QuestionRate);
        Assert.Equal(0.5, calibration.Parameters.RestateRate);
        // The teacher opened with a focused question and the student still presented its whole answer (14).
        Assert.Equal((1, 1), (calibration.Data.OpeningTrials, calibration.Data.OpeningsWithSolution));
        Assert.Equal(3, calibration.Data.TeacherMoves["focus"]);
    }
}
