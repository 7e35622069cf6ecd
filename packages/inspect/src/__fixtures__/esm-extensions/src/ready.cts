export const ready = (req: any, res: any) => res.send(process.env.READY_FLAG);
