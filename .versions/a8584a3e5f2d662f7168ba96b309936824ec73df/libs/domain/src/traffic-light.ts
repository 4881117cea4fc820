/** 红黄绿灯: how an indicator stands in a month. */
export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];

/**
 * Green when the actual meets the plan to date, yellow when the unclamped d reaches
 * `yellowFrom`, red otherwise.
 */
export function trafficLight(meetsPlan: boolean, rawD: number, yellowFrom: number): Light {
  if (meetsPlan) return 'green';
  return rawD >= yellowFrom ? 'yellow' : 'red';
}
