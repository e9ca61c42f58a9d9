// The exercise programme is clinical content and lives in @lamina/pathway (exercises/), so the
// server can check logged exercise ids and print the programme in the plan PDF.
export {
  allExerciseIds,
  type Exercise,
  type ExerciseStage,
  type ExerciseTimer,
  exerciseById,
  exerciseSafety,
  exercises,
  exercisesFor,
  neckExercises,
  stageGoals,
  walkingProgression,
  walkingSources,
} from '@lamina/pathway';
