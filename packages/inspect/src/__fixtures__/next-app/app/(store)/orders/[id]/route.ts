import { NextResponse } from 'next/server';

export const GET = async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return NextResponse.json({ id });
};

export async function DELETE() {
  return new Response(null, { status: 204 });
}
