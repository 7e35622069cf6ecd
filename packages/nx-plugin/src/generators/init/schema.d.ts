export interface InitGeneratorSchema {
  skipConfig?: boolean;
  skipHook?: boolean;
  /** Add the target to targetDefaults.lint.dependsOn (default true). */
  lint?: boolean;
  targetName?: string;
}
