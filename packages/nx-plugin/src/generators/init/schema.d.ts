export interface InitGeneratorSchema {
  skipConfig?: boolean;
  skipHook?: boolean;
  targetName?: string;
}
