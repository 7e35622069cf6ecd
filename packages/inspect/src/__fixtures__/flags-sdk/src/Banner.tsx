import { useGrowthBook } from '@growthbook/growthbook-react';
import { FLAG_KEYS } from './flags';

export function Banner() {
  const gb = useGrowthBook();
  return <div>{gb?.isOn(FLAG_KEYS.darkMode) && <span>Dark mode is here</span>}</div>;
}
