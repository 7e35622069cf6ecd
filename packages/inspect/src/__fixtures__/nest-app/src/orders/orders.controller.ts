import { Body, Controller, Get, Param, Post, Version } from '@nestjs/common';

@Controller({ path: 'orders', version: '1' })
export class OrdersController {
  @Get()
  list() {
    return [];
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return { id };
  }

  @Post()
  @Version('2')
  create(@Body() body: unknown) {
    return body;
  }
}
