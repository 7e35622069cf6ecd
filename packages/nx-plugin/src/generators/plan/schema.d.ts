export interface PlanGeneratorSchema {
  project?: string;
  all?: boolean;
  overwrite?: boolean;
}
