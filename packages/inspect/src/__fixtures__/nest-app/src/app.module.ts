import { Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { AdminModule } from './admin/admin.module';
import { HealthController } from './health/health.controller';
import { OrdersController } from './orders/orders.controller';

@Module({
  imports: [AdminModule, RouterModule.register([{ path: 'admin', module: AdminModule }])],
  controllers: [OrdersController, HealthController],
})
export class AppModule {}
