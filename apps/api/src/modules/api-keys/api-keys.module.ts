import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { WhoAmIController } from './who-am-i.controller';

@Module({ controllers: [ApiKeysController, WhoAmIController], providers: [ApiKeysService], exports: [ApiKeysService] })
export class ApiKeysModule {}
