import { Controller, Get } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

@Controller('users')
export class UsersController {
  constructor(private readonly config: ConfigService) {}

  @Get()
  list() {
    return { token: this.config.get<string>('ADMIN_TOKEN') ? 'set' : 'unset' };
  }
}
